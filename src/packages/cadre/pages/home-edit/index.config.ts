export default definePageConfig({ navigationBarTitleText: '青年之家' })
