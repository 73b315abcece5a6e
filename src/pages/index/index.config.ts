export default definePageConfig({ navigationBarTitleText: '团青通' })
