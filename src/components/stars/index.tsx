import { Text, View } from '@tarojs/components'
import { idProp } from '../../utils/cx'
import './index.scss'

/** 星级志愿者: five ★, the earned ones in gold; `aria-label` says it in words. */
export function Stars({ count, id, size = 'normal' }: { count: number; id?: string; size?: 'normal' | 'large' }) {
  const n = Math.max(0, Math.min(5, Math.round(count)))
  return (
    <View {...idProp(id)} className={`tq-stars tq-stars--${size}`} aria-label={n ? `${n}星志愿者` : '尚未获得星级'} data-stars={n}>
      {[0, 1, 2, 3, 4].map((i) => (
        <Text key={i} className={i < n ? 'tq-stars__star tq-stars__star--on' : 'tq-stars__star'}>
          {i < n ? '★' : '☆'}
        </Text>
      ))}
    </View>
  )
}
