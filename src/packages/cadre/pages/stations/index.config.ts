export default definePageConfig({ navigationBarTitleText: '联络站与青年之家' })
