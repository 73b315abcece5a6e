import type { ComponentType } from 'react'
import type { QrCodeImplProps, QrCodeProps } from './types'

export type { QrCodeProps } from './types'

/**
 * A crisp QR code of `value`, redrawn whenever `value` changes (the rotating check-in code).
 *
 * - h5: an inline SVG rendered by React (./svg-qr).
 * - weapp: the native custom component `checkin-qr` (src/native/checkin-qr, Canvas 2D). Taro 3+ components
 *   have no config file, so **the page** that renders `QrCode` declares it in its `index.config.ts`, with a
 *   path relative to the page file, e.g. for `src/packages/cadre/pages/checkin/index.tsx`:
 *   `usingComponents: { 'checkin-qr': '../../../../native/checkin-qr/index' }`
 *   (for `src/pages/<page>/index.tsx`: `'../../native/checkin-qr/index'`).
 *
 * The platform is chosen here only. Taro replaces `process.env.TARO_ENV` at build time, so webpack drops the
 * other branch's `require` (the weapp bundle has no SVG code, the h5 bundle no native tag); under jest it is
 * read at run time, so tests can switch it.
 */
export function QrCode({ value, size = 240, id, className }: QrCodeProps) {
  const Impl: ComponentType<QrCodeImplProps> =
    process.env.TARO_ENV === 'h5'
      ? (require('./svg-qr') as typeof import('./svg-qr')).SvgQr
      : (require('./native-qr') as typeof import('./native-qr')).NativeQr
  return <Impl value={value} size={size} id={id} className={className} />
}

export default QrCode
