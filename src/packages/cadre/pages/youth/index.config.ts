export default definePageConfig({ navigationBarTitleText: '青年档案' })
