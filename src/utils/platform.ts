import Taro from '@tarojs/taro'

/**
 * Platform capabilities. With services/api.ts, the only place that branches on TARO_ENV
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
