import { isH5 } from './platform'

/**
 * The link on a certificate's QR code and its way back to a serial: shared by the certificate (which
 * draws the link) and the public verification page (which reads it), apart from the drawing code so
 * the verification page, a first screen, carries none of it.
 */

/**
 * Where the public verification page is reached by link: the build's TARO_APP_PUBLIC_URL, else (browser
 * build) this site; '' when neither is known (a mini program built without the setting).
 */
export function publicBaseUrl(): string {
  let configured = ''
  try {
    configured = process.env.TARO_APP_PUBLIC_URL ?? ''
  } catch {
    // An undefined build constant is no `process` at all in the mini program.
  }
  if (configured.trim()) return configured.trim().replace(/\/+$/, '')
  if (isH5() && typeof window !== 'undefined' && window.location?.origin && window.location.origin !== 'null') return window.location.origin
  return ''
}

/**
 * What the certificate's QR code holds: `<base>/v/<serial>`, a link that WeChat opens in the verification
 * page (扫普通链接二维码打开小程序) and a phone camera opens in the browser; `tq-cert:<serial>` without a base.
 */
export function certificateVerifyValue(serial: string, base: string = publicBaseUrl()): string {
  return base ? `${base}/v/${serial}` : `tq-cert:${serial}`
}

/** The serial in a scanned verification link (`…/v/<serial>`, possibly still URL-encoded); '' when there is none. */
export function serialFromLink(link: string): string {
  let text = link
  for (let i = 0; i < 2 && /%[0-9A-Fa-f]{2}/.test(text); i += 1) {
    try {
      text = decodeURIComponent(text)
    } catch {
      break
    }
  }
  const m = /\/v\/([^/?#&\s]+)/.exec(text)
  return m ? m[1].toUpperCase() : ''
}
