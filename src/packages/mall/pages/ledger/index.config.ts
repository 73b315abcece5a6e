export default definePageConfig({ navigationBarTitleText: '益币明细', enablePullDownRefresh: true })
