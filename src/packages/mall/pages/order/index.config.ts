export default definePageConfig({
  navigationBarTitleText: '兑换订单',
  // Pulled down at the counter: the order is asked again (picked up → the code goes away).
  enablePullDownRefresh: true,
  // QrCode's weapp rendering is the native component (src/components/qr-code/index.tsx).
  usingComponents: { 'checkin-qr': '../../../../native/checkin-qr/index' },
})
