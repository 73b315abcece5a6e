export default definePageConfig({ navigationBarTitleText: '附近阵地' })
