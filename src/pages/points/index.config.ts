export default definePageConfig({ navigationBarTitleText: '益币', enablePullDownRefresh: true })
