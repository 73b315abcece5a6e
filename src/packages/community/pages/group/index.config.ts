export default definePageConfig({ navigationBarTitleText: '社群', enableShareAppMessage: true })
