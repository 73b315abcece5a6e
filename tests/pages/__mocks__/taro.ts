/**
 * A small stand-in for @tarojs/taro under jsdom: what NutUI and our pages call, as jest mocks
 * where tests assert them (navigation, toasts, storage, clipboard, cloud).
 */
type Handler = (...args: unknown[]) => void

class Events {
  private handlers = new Map<string, Handler[]>()
  on(name: string, fn: Handler) {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), fn])
    return this
  }
  off(name?: string, fn?: Handler) {
    if (!name) this.handlers.clear()
    else if (!fn) this.handlers.delete(name)
    else this.handlers.set(name, (this.handlers.get(name) ?? []).filter((h) => h !== fn))
    return this
  }
  trigger(name: string, ...args: unknown[]) {
    for (const h of this.handlers.get(name) ?? []) h(...args)
    return this
  }
}

export const ENV_TYPE = {
  WEAPP: 'WEAPP',
  SWAN: 'SWAN',
  ALIPAY: 'ALIPAY',
  TT: 'TT',
  QQ: 'QQ',
  JD: 'JD',
  WEB: 'WEB',
  RN: 'RN',
  HARMONY: 'HARMONY',
  QUICKAPP: 'QUICKAPP',
}

export const getEnv = () => (process.env.TARO_ENV === 'weapp' ? ENV_TYPE.WEAPP : ENV_TYPE.WEB)

/** Device storage: a Map tests can inspect and clear (`__storage.clear()`). */
export const __storage = new Map<string, unknown>()

const rect = { width: 375, height: 44, top: 0, left: 0, right: 375, bottom: 44, scrollTop: 0, scrollLeft: 0 }
const selectorQuery = () => {
  const q = {
    in: () => q,
    select: () => q,
    selectAll: () => q,
    selectViewport: () => q,
    boundingClientRect: (cb?: (r: unknown) => void) => {
      cb?.(rect)
      return q
    },
    scrollOffset: (cb?: (r: unknown) => void) => {
      cb?.(rect)
      return q
    },
    fields: (_f: unknown, cb?: (r: unknown) => void) => {
      cb?.(rect)
      return q
    },
    node: (cb?: (r: unknown) => void) => {
      cb?.({ node: null })
      return q
    },
    exec: (cb?: (r: unknown[]) => void) => {
      cb?.([rect, rect])
      return q
    },
  }
  return q
}

const systemInfo = {
  windowWidth: 375,
  windowHeight: 812,
  screenWidth: 375,
  screenHeight: 812,
  pixelRatio: 2,
  statusBarHeight: 20,
  platform: 'devtools',
  system: 'jsdom',
  SDKVersion: '3.6.0',
  language: 'zh_CN',
  safeArea: { top: 20, bottom: 812, left: 0, right: 375, width: 375, height: 792 },
}

const ok = <T,>(value?: T) => jest.fn(async () => value as T)
const noopHook = () => undefined

/** The current page's query for `useRouter()`: tests set `__router.params = { id: 'a1' }`. */
export const __router: { params: Record<string, string> } = { params: {} }

/** Page hooks a test can fire or read: `__pageHooks.didShow?.()`, `__pageHooks.shareAppMessage?.()`. */
export const __pageHooks: Record<string, ((...args: unknown[]) => unknown) | undefined> = {}
const pageHook = (name: string) => (fn: (...args: unknown[]) => unknown) => {
  // Registered on every render; the latest callback wins (as in Taro).
  __pageHooks[name] = fn
}

const Taro = {
  ENV_TYPE,
  getEnv,
  Events,
  eventCenter: new Events(),
  nextTick: (fn: () => void) => setTimeout(fn, 0),
  createSelectorQuery: selectorQuery,
  createIntersectionObserver: () => ({ relativeToViewport: function () { return this }, observe: () => undefined, disconnect: () => undefined }),
  getSystemInfoSync: () => systemInfo,
  getSystemInfo: async () => systemInfo,
  getWindowInfo: () => systemInfo,
  getDeviceInfo: () => systemInfo,
  getAppBaseInfo: () => systemInfo,
  pxTransform: (n: number) => `${n / 2}px`,
  getCurrentInstance: () => ({ router: { path: '/pages/test/index', params: {} }, page: {} }),
  getCurrentPages: jest.fn(() => [{ route: 'pages/test/index' }]),

  getStorageSync: jest.fn((key: string) => (__storage.has(key) ? __storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => void __storage.set(key, value)),
  removeStorageSync: jest.fn((key: string) => void __storage.delete(key)),
  clearStorageSync: jest.fn(() => __storage.clear()),

  navigateTo: ok(),
  redirectTo: ok(),
  reLaunch: ok(),
  navigateBack: ok(),
  switchTab: ok(),
  showToast: ok(),
  hideToast: ok(),
  showLoading: ok(),
  hideLoading: ok(),
  showModal: jest.fn(async () => ({ confirm: true, cancel: false })),
  setClipboardData: ok(),
  pageScrollTo: ok(),
  vibrateShort: ok(),
  stopPullDownRefresh: ok(),
  setNavigationBarTitle: ok(),
  scanCode: jest.fn(async () => ({ result: '', scanType: 'QR_CODE', charSet: 'utf-8' })),
  getLocation: jest.fn(async () => ({ latitude: 35.486, longitude: 112.415, accuracy: 20 })),
  chooseLocation: jest.fn(async () => ({ name: '', address: '', latitude: 35.486, longitude: 112.415 })),
  openLocation: ok(),
  requestSubscribeMessage: jest.fn(async () => ({ errMsg: 'requestSubscribeMessage:ok' })),
  setKeepScreenOn: ok(),
  chooseMedia: jest.fn(async () => ({ tempFiles: [] })),
  chooseImage: jest.fn(async () => ({ tempFilePaths: [] })),
  onNetworkStatusChange: jest.fn(),
  offNetworkStatusChange: jest.fn(),
  canvasToTempFilePath: jest.fn(async () => ({ tempFilePath: 'tmp://certificate.png' })),
  saveImageToPhotosAlbum: ok(),
  showShareImageMenu: ok(),
  previewImage: ok(),

  cloud: {
    init: jest.fn(),
    callFunction: jest.fn(),
  },

  useLaunch: noopHook,
  useLoad: noopHook,
  useReady: noopHook,
  useDidShow: pageHook('didShow'),
  useDidHide: pageHook('didHide'),
  useShareAppMessage: pageHook('shareAppMessage'),
  useUnload: noopHook,
  usePageScroll: noopHook,
  usePullDownRefresh: pageHook('pullDownRefresh'),
  useReachBottom: pageHook('reachBottom'),
  useRouter: () => ({ params: __router.params, path: '/pages/test/index' }),
}

export const {
  eventCenter,
  nextTick,
  createSelectorQuery,
  createIntersectionObserver,
  getSystemInfoSync,
  getSystemInfo,
  getWindowInfo,
  getDeviceInfo,
  getAppBaseInfo,
  pxTransform,
  getCurrentInstance,
  getCurrentPages,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  navigateTo,
  redirectTo,
  reLaunch,
  navigateBack,
  showToast,
  showModal,
  setClipboardData,
  pageScrollTo,
  cloud,
  useLaunch,
  useLoad,
  useReady,
  useDidShow,
  useDidHide,
  useShareAppMessage,
  useUnload,
  usePageScroll,
  usePullDownRefresh,
  useReachBottom,
  useRouter,
} = Taro
export { Events }
export default Taro
