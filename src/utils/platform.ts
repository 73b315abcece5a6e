import Taro from '@tarojs/taro'

/**
 * Platform capabilities. With services/api/index.ts, the only place that branches on TARO_ENV
 * (fixed at build time by Taro; read at run time under jest).
 */

export function isH5(): boolean {
  return process.env.TARO_ENV === 'h5'
}

/** In the browser build the local gateway's persona chooser stands in for WeChat's login. */
export function devLoginUrl(): string | null {
  return isH5() ? '/dev/' : null
}

export function openDevLogin(): void {
  const url = devLoginUrl()
  if (url && typeof window !== 'undefined') window.location.assign(url)
}

type PrivacyResolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

/** The id of the button that agrees to WeChat's privacy authorization (its base library checks it was tapped). */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree'

let pendingPrivacy: PrivacyResolve | null = null

/**
 * WeChat asks the app to show its privacy guide when a privacy-protected API (clipboard, location …)
 * is first used. We show our own privacy page and answer from its buttons. Older base libraries and
 * the browser build have no such event.
 */
export function watchPrivacyAuthorization(show: () => void): void {
  if (isH5()) return
  const taro = Taro as unknown as { onNeedPrivacyAuthorization?: (listener: (resolve: PrivacyResolve) => void) => void }
  if (typeof taro.onNeedPrivacyAuthorization !== 'function') return
  taro.onNeedPrivacyAuthorization((resolve) => {
    pendingPrivacy = resolve
    show()
  })
}

/** Answers a pending WeChat privacy request, if any. */
export function answerPrivacyAuthorization(agreed: boolean): void {
  const resolve = pendingPrivacy
  pendingPrivacy = null
  if (!resolve) return
  resolve(agreed ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID } : { event: 'disagree' })
}

export function hasPendingPrivacyAuthorization(): boolean {
  return pendingPrivacy !== null
}

/** Props for the privacy page's agree button: WeChat checks that this exact button was tapped. */
export function privacyAgreeButtonProps(): { id: string; openType?: 'agreePrivacyAuthorization' } {
  return isH5() ? { id: PRIVACY_AGREE_BUTTON_ID } : { id: PRIVACY_AGREE_BUTTON_ID, openType: 'agreePrivacyAuthorization' }
}

/* ───────────────────────── Activities: scanning, location, messages, screen ───────────────────────── */

export interface GeoPoint {
  lat: number
  lng: number
}

export interface Reading extends GeoPoint {
  /** Metres, within the contract's (0, 1000]. */
  accuracy: number
}

export type LocationAnswer = { ok: true; reading: Reading } | { ok: false; reason: 'denied' | 'unavailable' }

/** The message a WeChat API (errMsg) or the browser (message) failed with. */
export function errMsg(e: unknown): string {
  return String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? e ?? '')
}

/** WeChat's and the browser's wording for a refused permission. */
export function isDenied(e: unknown): boolean {
  return /auth deny|auth denied|authorize|permission|denied|scope/i.test(errMsg(e))
}

/** The person closed the dialog or sheet (not a failure to report). */
export function isCancelled(e: unknown): boolean {
  return /cancel/i.test(errMsg(e))
}

/* WGS-84 → GCJ-02 (the published conversion used by every Chinese map SDK); the browser reports WGS-84. */
const A = 6378245.0
const EE = 0.00669342162296594323

function outOfChina(lat: number, lng: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0
  return r
}

function transformLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0
  return r
}

export function wgs84ToGcj02({ lat, lng }: GeoPoint): GeoPoint {
  if (outOfChina(lat, lng)) return { lat, lng }
  let dLat = transformLat(lng - 105.0, lat - 35.0)
  let dLng = transformLng(lng - 105.0, lat - 35.0)
  const radLat = (lat / 180.0) * Math.PI
  let magic = Math.sin(radLat)
  magic = 1 - EE * magic * magic
  const sqrtMagic = Math.sqrt(magic)
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI)
  dLng = (dLng * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI)
  return { lat: lat + dLat, lng: lng + dLng }
}

/** A phone's accuracy as the contract takes it: missing or 0 reads as "unknown" (1000 m), above 1000 is capped. */
function contractAccuracy(accuracy: unknown): number {
  const n = typeof accuracy === 'number' && Number.isFinite(accuracy) ? accuracy : 0
  if (n <= 0) return 1000
  return Math.min(1000, Math.max(1, Math.round(n)))
}

/**
 * The phone's position in GCJ-02 (what the server's geofences use). The mini program answers GCJ-02
 * itself; the browser answers WGS-84, converted here.
 */
export async function locate(): Promise<LocationAnswer> {
  try {
    if (isH5()) {
      const r = await Taro.getLocation({ type: 'wgs84', isHighAccuracy: true, highAccuracyExpireTime: 8000 })
      const p = wgs84ToGcj02({ lat: r.latitude, lng: r.longitude })
      return { ok: true, reading: { ...p, accuracy: contractAccuracy(r.accuracy) } }
    }
    const r = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 4000 })
    return { ok: true, reading: { lat: r.latitude, lng: r.longitude, accuracy: contractAccuracy(r.accuracy) } }
  } catch (e) {
    return { ok: false, reason: isDenied(e) ? 'denied' : 'unavailable' }
  }
}

/** The camera scanner exists in the mini program; the browser build types or pastes the code instead. */
export function canScan(): boolean {
  return !isH5()
}

export type ScanAnswer = { ok: true; text: string } | { ok: false; cancelled: boolean }

export async function scan(): Promise<ScanAnswer> {
  try {
    const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    const text = String(r.result ?? '').trim()
    return text ? { ok: true, text } : { ok: false, cancelled: false }
  } catch (e) {
    return { ok: false, cancelled: isCancelled(e) }
  }
}

/** WeChat's map place chooser (mini program only; the browser build types coordinates). */
export function canChooseLocation(): boolean {
  return !isH5()
}

export async function choosePlace(): Promise<{ name: string; address: string; lat: number; lng: number } | null> {
  try {
    const r = await Taro.chooseLocation({})
    if (typeof r.latitude !== 'number' || typeof r.longitude !== 'number') return null
    return { name: (r.name || r.address || '').slice(0, 60), address: (r.address || '').slice(0, 80), lat: r.latitude, lng: r.longitude }
  } catch {
    return null
  }
}

/** WeChat's map view of a place (mini program only). */
export function canOpenMap(): boolean {
  return !isH5()
}

export function openMap(place: { name: string; lat: number; lng: number }): void {
  void Taro.openLocation({ latitude: place.lat, longitude: place.lng, name: place.name, scale: 16 }).catch(() => undefined)
}

/** Reads one build-time constant; an undefined one is no `process` at all in the mini program. */
function readEnv(read: () => string | undefined): string {
  try {
    return read() ?? ''
  } catch {
    return ''
  }
}

/**
 * Subscription-message templates for activities (set in `.env`: TARO_APP_TEMPLATE_REMINDER,
 * TARO_APP_TEMPLATE_WAITLIST, TARO_APP_TEMPLATE_CANCEL). WeChat takes at most 3 per request.
 */
export function activityTemplateIds(): string[] {
  return [
    readEnv(() => process.env.TARO_APP_TEMPLATE_REMINDER),
    readEnv(() => process.env.TARO_APP_TEMPLATE_WAITLIST),
    readEnv(() => process.env.TARO_APP_TEMPLATE_CANCEL),
  ]
    .filter(Boolean)
    .slice(0, 3)
}

/**
 * Subscription-message templates for redemption orders (set in `.env`: TARO_APP_TEMPLATE_ORDER_READY,
 * TARO_APP_TEMPLATE_ORDER_EXPIRING — the ids the functions send with, docs/deploy.md).
 */
export function orderTemplateIds(): string[] {
  return [readEnv(() => process.env.TARO_APP_TEMPLATE_ORDER_READY), readEnv(() => process.env.TARO_APP_TEMPLATE_ORDER_EXPIRING)].filter(Boolean)
}

/** The subscription-message template for a group's new announcements (TARO_APP_TEMPLATE_ANNOUNCEMENT_POSTED). */
export function announcementTemplateIds(): string[] {
  return [readEnv(() => process.env.TARO_APP_TEMPLATE_ANNOUNCEMENT_POSTED)].filter(Boolean)
}

/** The template a youth subscribes to when leaving an opinion: told of the reply (TARO_APP_TEMPLATE_OPINION_REPLIED). */
export function opinionTemplateIds(): string[] {
  return [readEnv(() => process.env.TARO_APP_TEMPLATE_OPINION_REPLIED)].filter(Boolean)
}

/**
 * The templates a representative or committee member subscribes to: an assigned opinion overdue, and
 * the year's duties behind (TARO_APP_TEMPLATE_OPINION_OVERDUE, TARO_APP_TEMPLATE_DUTY_BEHIND).
 */
export function stationDutyTemplateIds(): string[] {
  return [readEnv(() => process.env.TARO_APP_TEMPLATE_OPINION_OVERDUE), readEnv(() => process.env.TARO_APP_TEMPLATE_DUTY_BEHIND)].filter(Boolean)
}

/** The subscription-message template for the month-ahead 益币 expiry reminder (TARO_APP_TEMPLATE_POINTS_EXPIRING). */
export function pointsTemplateIds(): string[] {
  return [readEnv(() => process.env.TARO_APP_TEMPLATE_POINTS_EXPIRING)].filter(Boolean)
}

/**
 * Asks to send the given messages later (mini program only; must follow a tap). True when at least
 * one was accepted; false when refused, unavailable, or there is nothing to ask for.
 */
export async function requestSubscribe(tmplIds: string[]): Promise<boolean> {
  if (isH5() || tmplIds.length === 0) return false
  try {
    const r = (await Taro.requestSubscribeMessage({ tmplIds } as Parameters<typeof Taro.requestSubscribeMessage>[0])) as unknown as Record<string, string>
    return tmplIds.some((id) => r[id] === 'accept')
  } catch {
    return false
  }
}

/** Keeps the screen lit while a code is shown (where the platform allows). */
export function keepScreenOn(on: boolean): void {
  try {
    void Promise.resolve(Taro.setKeepScreenOn({ keepScreenOn: on })).catch(() => undefined)
  } catch {
    // Not available here: the screen follows the phone's own setting.
  }
}

/** Calls back with true when the connection comes back, false when it drops; returns the unsubscribe. */
export function watchNetwork(listener: (online: boolean) => void): () => void {
  if (isH5()) {
    if (typeof window === 'undefined') return () => undefined
    const on = () => listener(true)
    const off = () => listener(false)
    window.addEventListener('online', on)
    window.addEventListener('offline', off)
    return () => {
      window.removeEventListener('online', on)
      window.removeEventListener('offline', off)
    }
  }
  const handler = (r: { isConnected: boolean }) => listener(r.isConnected)
  try {
    Taro.onNetworkStatusChange(handler)
  } catch {
    return () => undefined
  }
  return () => {
    try {
      Taro.offNetworkStatusChange(handler)
    } catch {
      // Older base libraries cannot unsubscribe; the page is gone anyway.
    }
  }
}

/** Photos from the album or camera: local paths, for the upload that arrives later. */
export async function choosePhotos(count: number): Promise<string[]> {
  if (count <= 0) return []
  try {
    if (isH5()) {
      const r = await Taro.chooseImage({ count, sizeType: ['compressed'] })
      return r.tempFilePaths
    }
    const r = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'] })
    return r.tempFiles.map((f) => f.tempFilePath)
  } catch {
    return []
  }
}

/** Pictures full screen, swiping between them, opened at `current` (the first when it is not among them). */
export function previewImages(urls: string[], current?: string): void {
  if (!urls.length) return
  const start = current && urls.includes(current) ? current : urls[0]
  try {
    void Promise.resolve(Taro.previewImage({ urls, current: start })).catch(() => undefined)
  } catch {
    // Not available here: the thumbnails stay as they are.
  }
}

/** Saving a drawn picture to the phone's album exists in the mini program only. */
export function canSaveImage(): boolean {
  return !isH5()
}

/**
 * The browser build draws a picture on a page canvas and shows it as an image the person can long-press
 * or download; null in the mini program (which draws on its own Canvas node and saves to the album).
 */
export function drawToDataUrl(width: number, height: number, draw: (ctx: CanvasRenderingContext2D) => void): string | null {
  if (!isH5() || typeof document === 'undefined') return null
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  draw(ctx)
  return canvas.toDataURL('image/png')
}

/** Offers a drawn picture as a file download (browser build only). */
export function downloadDataUrl(url: string, fileName: string): void {
  if (!isH5() || typeof document === 'undefined') return
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
}
