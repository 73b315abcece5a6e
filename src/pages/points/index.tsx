import { useCallback, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { GoodsCategory } from '../../../types/enums'
import { GOODS_CATEGORY_LABEL } from '../../../types/enums'
import { PageShell } from '../../components/page-shell'
import { Notice } from '../../components/notice'
import { ListFooter } from '../../components/load-more'
import { SingleChoice, choicesOf, type Choice } from '../../components/choice-group'
import { usePageLoad, useShownAgain } from '../../hooks/use-page-load'
import { usePagedList } from '../../hooks/use-paged-list'
import { useSession } from '../../hooks/use-session'
import { goodsApi } from '../../services/api/goods'
import { walletApi } from '../../services/api/wallet'
import { debtText, expiringOf, expiringText, figuresText } from '../../utils/mall'
import { ROUTES, go, relaunch } from '../../utils/routes'
import { ExpiryReminder, offersReminder } from './expiry-reminder'
import { GoodsCardView } from './goods-card'
import './index.scss'

type Filter = GoodsCategory | 'all'

const CATEGORIES: Choice<Filter>[] = [{ value: 'all', label: '全部' }, ...choicesOf(GOODS_CATEGORY_LABEL)]

const fetchBalance = () => walletApi.balance({})

/**
 * The 益币 tab: the balance with what expires soon and the reminder wherever 益币 can expire, the
 * county's goods by category with price and what is left, and the way to my orders and the ledger.
 * Everything past this page is in the mall subpackage, fetched ahead (app.config.ts preloadRule).
 */
export default function PointsPage() {
  const { me, loading: sessionLoading } = useSession()
  const registered = !!me?.profile
  const [category, setCategory] = useState<Filter>('all')

  const balance = usePageLoad(registered ? fetchBalance : null, 'points.balance')
  const fetchGoods = useCallback((cursor?: string) => goodsApi.listGoods({ category: category === 'all' ? undefined : category, cursor }), [category])
  const list = usePagedList(registered ? fetchGoods : null, 'points.listGoods')

  // Back from a redemption or a cancel: what is left and the balance have changed.
  useShownAgain(() => {
    if (!registered) return
    void balance.reload()
    void list.reload()
  })
  usePullDownRefresh(() => {
    void Promise.allSettled([balance.reload(), list.reload()]).then(() => void Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (list.hasMore && !list.loading) void list.loadMore()
  })

  if (!registered) {
    return (
      <PageShell id='page-points' title='益币'>
        {sessionLoading && !me ? (
          <Notice kind='info'>正在加载…</Notice>
        ) : (
          <>
            <Notice kind='info' id='points-register-note'>
              登记青年档案后，参加志愿服务获得的益币可以在这里兑换爱心企业捐赠的物资。
            </Notice>
            <Button id='points-register' className='tq-button' type='primary' size='large' block onClick={() => relaunch(ROUTES.index)}>
              去登记青年档案
            </Button>
          </>
        )}
      </PageShell>
    )
  }

  const b = balance.data
  const expiring = expiringOf(b)
  const debt = b ? debtText(b.balance) : null

  return (
    <PageShell id='page-points' title='益币' subtitle='用志愿服务获得的益币，兑换爱心企业捐赠的物资'>
      <View className='tq-points__card' id='points-card'>
        <Text className='tq-points__label'>我的益币</Text>
        <Text className='tq-points__balance' id='points-balance'>
          {b ? String(b.balance) : '—'}
        </Text>
        {b ? <Text className='tq-points__line' id='points-earned'>{figuresText(b)}</Text> : null}
        {expiring ? (
          <Text className='tq-points__expiring' id='points-expiring'>
            {expiringText(expiring)}
          </Text>
        ) : null}
        {offersReminder(b) ? <ExpiryReminder on={b?.remindExpiry} idPrefix='points' onChanged={balance.reload} onCard /> : null}
        {debt ? (
          <Text className='tq-points__line' id='points-debt'>
            {debt}
          </Text>
        ) : null}
      </View>
      <Notice id='points-balance-error'>{balance.error && !balance.loading ? balance.error.message : null}</Notice>

      <View className='tq-points__entries'>
        <Button id='points-orders' className='tq-button tq-points__entry' type='primary' fill='outline' size='large' onClick={() => go(ROUTES.mallOrders)}>
          我的兑换
        </Button>
        <Button id='points-ledger' className='tq-button tq-points__entry' fill='outline' size='large' onClick={() => go(ROUTES.mallLedger)}>
          益币明细
        </Button>
      </View>

      <View className='tq-points__categories' id='points-categories'>
        <SingleChoice name='points-category' choices={CATEGORIES} value={category} onChange={setCategory} />
      </View>

      <View id='points-goods' className='tq-points__goods'>
        {list.items.map((g) => (
          <GoodsCardView key={g.id} g={g} onClick={() => go(ROUTES.mallGoods, { id: g.id })} />
        ))}
      </View>
      <ListFooter
        list={list}
        id='points-goods-more'
        emptyText={category === 'all' ? '暂时没有可兑换的物资，敬请期待' : `暂时没有可兑换的${GOODS_CATEGORY_LABEL[category]}`}
      />
    </PageShell>
  )
}
