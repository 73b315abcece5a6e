export default definePageConfig({ navigationBarTitleText: '进站码' })
