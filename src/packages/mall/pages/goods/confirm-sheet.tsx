import { Button, Popup } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { GoodsDetailT } from '../../../../../types/contract/goods'
import { Notice } from '../../../../components/notice'

interface Props {
  open: boolean
  goods: GoodsDetailT
  quantity: number
  balance: number
  sending: boolean
  /** The last attempt's reply never came (network, server fault): retrying sends the same request. */
  unsure: string | null
  onConfirm: () => void
  onClose: () => void
}

/** What the youth agrees to before 益币 are spent: the goods, how many, the cost and what is left, where and by when to pick up. */
export function ConfirmSheet({ open, goods: g, quantity, balance, sending, unsure, onConfirm, onClose }: Props) {
  const cost = g.price * quantity
  return (
    <Popup visible={open} position='bottom' round closeable={!sending} title='确认兑换' onClose={() => !sending && onClose()}>
      {open ? (
        <View className='tq-redeem-sheet' id='mall-redeem-sheet'>
          <View className='tq-redeem-sheet__line'>
            <Text className='tq-redeem-sheet__key'>物资</Text>
            <Text className='tq-redeem-sheet__value' id='mall-redeem-sheet-goods'>{`${g.name} × ${quantity}件`}</Text>
          </View>
          <View className='tq-redeem-sheet__line'>
            <Text className='tq-redeem-sheet__key'>共需</Text>
            <Text className='tq-redeem-sheet__value tq-redeem-sheet__cost' id='mall-redeem-sheet-cost'>{`${cost} 益币`}</Text>
          </View>
          <View className='tq-redeem-sheet__line'>
            <Text className='tq-redeem-sheet__key'>兑换后余额</Text>
            <Text className='tq-redeem-sheet__value' id='mall-redeem-sheet-after'>{`${balance - cost} 益币`}</Text>
          </View>
          <View className='tq-redeem-sheet__line'>
            <Text className='tq-redeem-sheet__key'>领取</Text>
            <Text className='tq-redeem-sheet__value'>{`兑换后${g.pickupDays}天内，凭兑换码到${g.venues.length > 1 ? '任一' : ''}兑换点领取`}</Text>
          </View>
          <Notice id='mall-redeem-sheet-error'>{unsure}</Notice>
          {unsure ? <Text className='tq-muted tq-redeem-sheet__hint'>上一次可能已经兑换成功；再点一次只会得到同一笔订单，不会重复扣益币。</Text> : null}
          <View className='tq-actions'>
            <Button id='mall-redeem-confirm' className='tq-button' type='primary' size='large' block loading={sending} onClick={onConfirm}>
              {unsure ? '重试' : '确认兑换'}
            </Button>
            <Button id='mall-redeem-cancel' className='tq-button' size='large' block disabled={sending} onClick={onClose}>
              再想想
            </Button>
          </View>
        </View>
      ) : null}
    </Popup>
  )
}
