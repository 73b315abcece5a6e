import { useCallback, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { OrderViewT } from '../../../../../types/contract/orders'
import { ORDER_STATUS_LABEL, type OrderStatus } from '../../../../../types/enums'
import { PageShell, Section } from '../../../../components/page-shell'
import { ListFooter } from '../../../../components/load-more'
import { SingleChoice, choicesOf, type Choice } from '../../../../components/choice-group'
import { ToneTag } from '../../../../components/tone-tag'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { useListPage } from '../../../../hooks/use-list-page'
import { ordersApi } from '../../../../services/api/orders'
import { ROUTES, go } from '../../../../utils/routes'
import { formatShortDateTime } from '../../../../utils/time'
import { orderLine, statusTag } from '../../order-text'
import '../../mall.scss'

type Filter = OrderStatus | 'all'

const FILTERS: Choice<Filter>[] = [{ value: 'all', label: '全部' }, ...choicesOf(ORDER_STATUS_LABEL)]

function OrderItem({ o }: { o: OrderViewT }) {
  const tag = statusTag(o)
  return (
    <View id={`mall-orders-${o.id}`} className='tq-list-item' hoverClass='tq-pressed' onClick={() => go(ROUTES.mallOrder, { id: o.id })}>
      <View className='tq-row tq-mall-order-item__head'>
        <Text className='tq-list-item__title tq-grow'>{`${o.goodsName} × ${o.quantity}件`}</Text>
        <ToneTag tone={tag.tone} solid>
          {tag.text}
        </ToneTag>
      </View>
      <Text className='tq-list-item__meta'>{`${o.cost} 益币 · ${formatShortDateTime(o.createdAt)} 兑换`}</Text>
      <Text className='tq-list-item__meta'>{orderLine(o)}</Text>
    </View>
  )
}

function emptyText(filter: Filter): string {
  return filter === 'all' ? '还没有兑换过物资，去益币页看看吧' : `没有${ORDER_STATUS_LABEL[filter]}的订单`
}

/** My redemption orders, newest first, by status; each opens its order (the pickup code while it waits). */
export default function OrdersPage() {
  const [filter, setFilter] = useState<Filter>('all')
  const fetchPage = useCallback((cursor?: string) => ordersApi.myOrders({ status: filter === 'all' ? undefined : filter, cursor }), [filter])
  const list = usePagedList(fetchPage, 'points.myOrders')
  // Back from an order that was cancelled (or picked up meanwhile): the list says so.
  useListPage(list, { reloadOnShow: true })

  return (
    <PageShell id='page-mall-orders' title='我的兑换'>
      <View id='mall-orders-filter' className='tq-mall__filter'>
        <SingleChoice name='mall-orders-filter' choices={FILTERS} value={filter} onChange={setFilter} />
      </View>
      <Section id='mall-orders-list'>
        {list.items.map((o) => (
          <OrderItem key={o.id} o={o} />
        ))}
        <ListFooter list={list} id='mall-orders-more' emptyText={emptyText(filter)} />
      </Section>
      {!list.loading && !list.error && list.items.length === 0 && filter === 'all' ? (
        <Button id='mall-orders-shop' className='tq-button' type='primary' size='large' block onClick={() => go(ROUTES.points)}>
          去兑换物资
        </Button>
      ) : null}
    </PageShell>
  )
}
