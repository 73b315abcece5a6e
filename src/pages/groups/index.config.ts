export default definePageConfig({ navigationBarTitleText: '社群', enablePullDownRefresh: true })
