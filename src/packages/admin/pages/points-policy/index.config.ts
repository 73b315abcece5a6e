export default definePageConfig({ navigationBarTitleText: '益币有效期' })
