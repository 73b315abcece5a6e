export default definePageConfig({ navigationBarTitleText: '社群' })
