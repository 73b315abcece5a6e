export default definePageConfig({ navigationBarTitleText: '进站签到' })
