import { Text, View } from '@tarojs/components'
import { cx } from '../../../../utils/cx'

interface Props {
  value: number
  /** The most allowed now (redeemLimits); below 1 the stepper is shown but cannot move. */
  max: number
  /** Why it stops at `max`, shown once the value reaches it. */
  stopText: string
  onChange: (value: number) => void
  disabled?: boolean
}

/**
 * − 数量 +, with finger-sized buttons. It never goes below 1 or above `max`, and at `max` it says
 * which bound stopped it (what is left, the limit, the balance) instead of silently refusing a tap.
 */
export function QuantityStepper({ value, max, stopText, onChange, disabled }: Props) {
  const canLess = !disabled && value > 1
  const canMore = !disabled && value < max
  return (
    <View className='tq-stepper'>
      <View className='tq-row tq-stepper__row'>
        <View
          id='mall-redeem-minus'
          role='button'
          aria-label='减少数量'
          aria-disabled={!canLess}
          className={cx('tq-stepper__button', !canLess && 'tq-stepper__button--off')}
          onClick={() => canLess && onChange(value - 1)}
        >
          <Text>－</Text>
        </View>
        <Text id='mall-redeem-quantity' className='tq-stepper__value' aria-live='polite'>
          {String(value)}
        </Text>
        <View
          id='mall-redeem-plus'
          role='button'
          aria-label='增加数量'
          aria-disabled={!canMore}
          className={cx('tq-stepper__button', !canMore && 'tq-stepper__button--off')}
          onClick={() => canMore && onChange(value + 1)}
        >
          <Text>＋</Text>
        </View>
        <Text className='tq-stepper__unit'>件</Text>
      </View>
      {max >= 1 && value >= max ? (
        <Text id='mall-redeem-stop' className='tq-stepper__stop'>
          {`最多 ${max} 件：${stopText}`}
        </Text>
      ) : null}
    </View>
  )
}
