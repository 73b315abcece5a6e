export default definePageConfig({ navigationBarTitleText: '申报时长' })
