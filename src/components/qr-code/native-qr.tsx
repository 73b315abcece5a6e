import { View } from '@tarojs/components'
import type { QrCodeImplProps } from './types'

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      /** src/native/checkin-qr — declared in the page's usingComponents (see ./index.tsx). */
      'checkin-qr': { value: string; size: number }
    }
  }
}

/**
 * weapp: the native `checkin-qr` component inside a View that carries id and className.
 * Keep the props of `<checkin-qr>` a literal object: Taro reads them from this JSX call to write the
 * component's template (only `value` and `size` reach the native component).
 */
export function NativeQr({ value, size, id, className }: QrCodeImplProps) {
  return (
    <View id={id} className={className ? `qr-code ${className}` : 'qr-code'} style={{ width: `${size}px`, height: `${size}px` }}>
      <checkin-qr value={value} size={size} />
    </View>
  )
}
