export default definePageConfig({ navigationBarTitleText: '物资管理', enablePullDownRefresh: true })
