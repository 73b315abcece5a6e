export default definePageConfig({ navigationBarTitleText: '团代表与委员' })
