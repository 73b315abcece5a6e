import { Text, View } from '@tarojs/components'
import { cx } from '../../utils/cx'
import './index.scss'

export interface Segment<T extends string> {
  value: T
  label: string
}

/** A row of two or three big tabs; each gets `id="<name>-<value>"`, the chosen one `aria-selected`. */
export function Segmented<T extends string>({
  name,
  segments,
  value,
  onChange,
}: {
  name: string
  segments: Segment<T>[]
  value: T
  onChange: (value: T) => void
}) {
  return (
    <View className='tq-segmented' role='tablist'>
      {segments.map((s) => (
        <View
          key={s.value}
          id={`${name}-${s.value}`}
          role='tab'
          aria-selected={s.value === value}
          className={cx('tq-segmented__item', s.value === value && 'tq-segmented__item--on')}
          onClick={() => s.value !== value && onChange(s.value)}
        >
          <Text>{s.label}</Text>
        </View>
      ))}
    </View>
  )
}
