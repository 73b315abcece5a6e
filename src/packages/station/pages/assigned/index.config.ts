export default definePageConfig({ navigationBarTitleText: '待我答复' })
