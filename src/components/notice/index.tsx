import type { PropsWithChildren } from 'react'
import { Text, View } from '@tarojs/components'
import { cx, idProp } from '../../utils/cx'
import './index.scss'

type Kind = 'error' | 'success' | 'info'

/** A message that stays on screen until the next action (a toast vanishes before an older reader finishes). */
export function Notice({ kind = 'error', id, className, children }: PropsWithChildren<{ kind?: Kind; id?: string; className?: string }>) {
  if (children === null || children === undefined || children === false || children === '') return null
  return (
    <View {...idProp(id)} className={cx('tq-notice', `tq-notice--${kind}`, className)} role={kind === 'error' ? 'alert' : 'status'}>
      <Text className='tq-notice__text'>{children}</Text>
    </View>
  )
}
