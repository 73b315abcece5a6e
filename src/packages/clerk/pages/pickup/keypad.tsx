import { Text, View } from '@tarojs/components'
import { cx } from '../../../../utils/cx'
import { spaced } from '../../pickup-queue'

export const CODE_LENGTH = 8

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const

/**
 * The 8 digits on a big telephone keypad: no system keyboard to open or close, a finger-sized key
 * each, and the lookup starts by itself at the eighth digit (one tap fewer for a village cadre).
 */
export function CodeKeypad({ value, onChange, onComplete, disabled }: { value: string; onChange: (v: string) => void; onComplete: (code: string) => void; disabled?: boolean }) {
  const press = (key: (typeof KEYS)[number]) => {
    if (disabled) return
    if (key === 'clear') return onChange('')
    if (key === 'back') return onChange(value.slice(0, -1))
    if (value.length >= CODE_LENGTH) return
    const next = value + key
    onChange(next)
    if (next.length === CODE_LENGTH) onComplete(next)
  }
  const cells = Array.from({ length: CODE_LENGTH }, (_, i) => value[i] ?? '')
  return (
    <View className='tq-keypad'>
      <View className='tq-keypad__display' id='pickup-code' aria-label={value ? spaced(value) : '请输入8位兑换码'}>
        {cells.map((d, i) => (
          <Text key={i} className={cx('tq-keypad__cell', i === 4 && 'tq-keypad__cell--gap', !!d && 'tq-keypad__cell--on')}>
            {d || '·'}
          </Text>
        ))}
      </View>
      <View className='tq-keypad__grid'>
        {KEYS.map((k) => (
          <View
            key={k}
            id={`pickup-key-${k}`}
            ariaRole='button'
            className={cx('tq-keypad__key', k.length > 1 && 'tq-keypad__key--fn', disabled && 'tq-keypad__key--off')}
            hoverClass='tq-pressed'
            onClick={() => press(k)}
          >
            <Text>{k === 'clear' ? '清空' : k === 'back' ? '退格' : k}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
