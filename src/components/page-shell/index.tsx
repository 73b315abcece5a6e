import type { PropsWithChildren, ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { useSession } from '../../hooks/use-session'
import { cx, idProp } from '../../utils/cx'
import './index.scss'

interface Props {
  /** Large heading at the top of the page (WeChat's bar shows the short title). */
  title?: string
  subtitle?: ReactNode
  /** `id` of the page root, for browser tests: `#page-<name>`. */
  id?: string
  className?: string
}

/** Every page's root: the palette, the padding, and elder mode (larger text) as a root class. */
export function PageShell({ title, subtitle, id, className, children }: PropsWithChildren<Props>) {
  const { elderMode } = useSession()
  return (
    <View {...idProp(id)} className={cx('tq-page', elderMode && 'tq-elder', className)}>
      {title ? (
        <View className='tq-page__header'>
          <Text className='tq-page__title'>{title}</Text>
          {subtitle ? <View className='tq-page__subtitle'>{subtitle}</View> : null}
        </View>
      ) : null}
      {children}
    </View>
  )
}

/** A titled block of a page. */
export function Section({ title, extra, id, className, children }: PropsWithChildren<{ title?: string; extra?: ReactNode; id?: string; className?: string }>) {
  return (
    <View {...idProp(id)} className={cx('tq-section', className)}>
      {title || extra ? (
        <View className='tq-section__head'>
          {title ? <Text className='tq-section__title'>{title}</Text> : <View />}
          {extra}
        </View>
      ) : null}
      <View className='tq-section__body'>{children}</View>
    </View>
  )
}
