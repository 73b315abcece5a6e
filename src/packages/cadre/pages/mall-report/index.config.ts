export default definePageConfig({ navigationBarTitleText: '兑换统计' })
