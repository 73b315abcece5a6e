export default definePageConfig({ navigationBarTitleText: '兑换点管理', enablePullDownRefresh: true })
