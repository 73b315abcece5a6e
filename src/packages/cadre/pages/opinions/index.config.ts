export default definePageConfig({ navigationBarTitleText: '意见办理' })
