import type { PropsWithChildren, ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { cx } from '../../utils/cx'
import './index.scss'

interface Props {
  /** Field key; the root gets `id="field-<name>"` and the message `id="field-<name>-error"`. */
  name: string
  label: string
  required?: boolean
  hint?: ReactNode
  /** The shared schema's Chinese message for this field, shown under it. */
  error?: string
  className?: string
}

/** Label on top, control, then hint and error: roomy enough for large text. */
export function Field({ name, label, required, hint, error, className, children }: PropsWithChildren<Props>) {
  return (
    <View id={`field-${name}`} className={cx('tq-field', error && 'tq-field--error', className)}>
      <View className='tq-field__label'>
        <Text>{label}</Text>
        {required ? <Text className='tq-field__star'>*</Text> : <Text className='tq-field__optional'>（选填）</Text>}
      </View>
      <View className='tq-field__control'>{children}</View>
      {hint ? <View className='tq-field__hint'>{hint}</View> : null}
      {error ? (
        <Text id={`field-${name}-error`} className='tq-field__error'>
          {error}
        </Text>
      ) : null}
    </View>
  )
}
