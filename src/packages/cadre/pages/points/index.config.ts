export default definePageConfig({ navigationBarTitleText: '益币调整' })
