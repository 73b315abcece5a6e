import { Image, Text, View } from '@tarojs/components'
import type { GoodsCardT } from '../../../types/contract/goods'
import { GOODS_CATEGORY_LABEL } from '../../../types/enums'
import { ToneTag } from '../../components/tone-tag'
import { cx } from '../../utils/cx'
import { leftText, limitText } from '../../utils/mall'

/** One goods item of the catalogue: picture, name, donor, price and what is left (or 已兑完). */
export function GoodsCardView({ g, onClick }: { g: GoodsCardT; onClick: () => void }) {
  const soldOut = leftText(g) === '已兑完'
  const limit = limitText(g)
  return (
    <View id={`goods-${g.id}`} className={cx('tq-goods-card', soldOut && 'tq-goods-card--out')} hoverClass='tq-pressed' onClick={onClick}>
      <View className='tq-goods-card__picture'>
        {g.image ? <Image className='tq-goods-card__image' src={g.image} mode='aspectFill' lazyLoad /> : <Text className='tq-goods-card__no-image'>{GOODS_CATEGORY_LABEL[g.category]}</Text>}
      </View>
      <View className='tq-goods-card__body'>
        <Text className='tq-goods-card__name'>{g.name}</Text>
        <Text className='tq-goods-card__donor'>{`${g.donorName} 捐赠`}</Text>
        <View className='tq-row tq-goods-card__figures'>
          <Text className='tq-goods-card__price' id={`goods-${g.id}-price`}>{`${g.price} 益币`}</Text>
          {soldOut ? (
            <ToneTag tone='grey' solid id={`goods-${g.id}-left`}>
              已兑完
            </ToneTag>
          ) : (
            <Text className='tq-goods-card__left' id={`goods-${g.id}-left`}>
              {leftText(g)}
            </Text>
          )}
        </View>
        {limit ? <Text className='tq-goods-card__limit'>{limit}</Text> : null}
      </View>
    </View>
  )
}
