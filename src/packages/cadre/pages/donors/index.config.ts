export default definePageConfig({ navigationBarTitleText: '爱心企业', enablePullDownRefresh: true })
