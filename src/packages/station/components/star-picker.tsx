import { Text, View } from '@tarojs/components'
import { cx } from '../../../utils/cx'
import './star-picker.scss'

interface Props {
  /** Each star gets `id="<name>-<n>"`; the row `id="<name>"`. */
  name: string
  /** How many stars (5 for an opinion's rating, a survey question's own scale). */
  scale: number
  /** 0: none chosen yet. */
  value: number
  /** Absent: the stars only show `value`. */
  onChange?: (value: number) => void
}

/**
 * Stars to tap, each a finger-sized target (NutUI's Rate draws small icons that elder mode does not
 * grow); `aria-label` says the choice in words.
 */
export function StarPicker({ name, scale, value, onChange }: Props) {
  return (
    <View id={name} className={cx('tq-star-picker', !onChange && 'tq-star-picker--shown')} role={onChange ? 'radiogroup' : undefined} aria-label={value ? `${value}星` : '未评分'} data-value={value}>
      {Array.from({ length: scale }, (_, i) => i + 1).map((n) => (
        <View
          key={n}
          id={`${name}-${n}`}
          className={cx('tq-star-picker__star', n <= value && 'tq-star-picker__star--on')}
          role={onChange ? 'radio' : undefined}
          aria-checked={onChange ? n === value : undefined}
          onClick={onChange ? () => onChange(n) : undefined}
        >
          <Text>{n <= value ? '★' : '☆'}</Text>
        </View>
      ))}
      {onChange && scale > 5 ? <Text className='tq-muted tq-star-picker__count'>{value ? `${value}/${scale}` : ''}</Text> : null}
    </View>
  )
}
