export default definePageConfig({ navigationBarTitleText: '社群管理', enablePullDownRefresh: true })
