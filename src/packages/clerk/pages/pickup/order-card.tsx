import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { ToneTag } from '../../../../components/tone-tag'
import { formatDateTime } from '../../../../utils/time'
import type { LocalOrder } from '../../pickup-queue'

/**
 * What the clerk checks before handing over: the goods and how many, the youth's masked name, and
 * the last 4 digits of their phone, which the clerk asks them to say (no photo, no full number).
 */
export function OrderCard({ order, offline }: { order: LocalOrder; offline: boolean }) {
  const [imageFailed, setImageFailed] = useState(false)
  return (
    <View className='tq-pickup__order' id='pickup-order'>
      <View className='tq-row tq-pickup__goods'>
        {order.image && !imageFailed ? (
          <Image className='tq-pickup__image' src={order.image} mode='aspectFill' onError={() => setImageFailed(true)} />
        ) : null}
        <View className='tq-grow'>
          <Text className='tq-pickup__goods-name' id='pickup-order-goods'>
            {order.goodsName}
          </Text>
          <Text className='tq-pickup__quantity' id='pickup-order-quantity'>
            {`× ${order.quantity}`}
          </Text>
        </View>
      </View>
      <View className='tq-pickup__line'>
        <Text className='tq-muted'>领取人</Text>
        <Text className='tq-pickup__holder' id='pickup-order-holder'>
          {order.holderName}
        </Text>
      </View>
      <View className='tq-pickup__phone'>
        <Text className='tq-pickup__phone-ask'>请对方报手机尾号</Text>
        {order.phoneLast4 ? (
          <Text className='tq-pickup__phone-digits' id='pickup-order-phone'>
            {order.phoneLast4}
          </Text>
        ) : (
          <Text className='tq-muted' id='pickup-order-phone'>
            对方没有登记手机号，请核对姓名
          </Text>
        )}
      </View>
      <Text className='tq-muted tq-pickup__deadline'>{`领取期限 ${formatDateTime(order.expiresAt)}`}</Text>
      {offline ? (
        <View className='tq-row tq-pickup__offline' id='pickup-offline'>
          <ToneTag tone='orange'>离线核对</ToneTag>
          <Text className='tq-muted tq-grow'>没有网络：按本机下载的订单核对，确认后联网自动上传。</Text>
        </View>
      ) : null}
    </View>
  )
}
