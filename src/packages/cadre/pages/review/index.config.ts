export default definePageConfig({ navigationBarTitleText: '审核时长', enablePullDownRefresh: true })
