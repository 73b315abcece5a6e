export default definePageConfig({
  navigationBarTitleText: '志愿服务证明',
  // QrCode's weapp rendering is the native component (src/components/qr-code/index.tsx).
  usingComponents: { 'checkin-qr': '../../../../native/checkin-qr/index' },
})
