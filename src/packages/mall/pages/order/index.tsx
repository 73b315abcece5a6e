import { useCallback, useEffect, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import type { OrderViewT } from '../../../../../types/contract/orders'
import { PageShell, Section } from '../../../../components/page-shell'
import { LoadState } from '../../../../components/load-state'
import { Notice } from '../../../../components/notice'
import { QrCode } from '../../../../components/qr-code'
import { ToneTag } from '../../../../components/tone-tag'
import { useConfirm } from '../../../../components/confirm'
import { usePageLoad, useShownAgain } from '../../../../hooks/use-page-load'
import { usePageParams } from '../../../../hooks/use-page-params'
import { toApiError } from '../../../../services/api'
import { ordersApi } from '../../../../services/api/orders'
import { canOpenMap, keepScreenOn, openMap } from '../../../../utils/platform'
import { ROUTES, go } from '../../../../utils/routes'
import { formatDateTime } from '../../../../utils/time'
import { takeOrder } from '../../order-cache'
import { deadlineText, orderLine, statusTag } from '../../order-text'
import '../../mall.scss'

type Venue = OrderViewT['venues'][number]

/** A venue's coordinates, when the order's view carries them (older answers name the place only). */
function pointOf(v: Venue): { lat: number; lng: number } | null {
  const { lat, lng } = v as Venue & { lat?: unknown; lng?: unknown }
  return typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null
}

function Venues({ order }: { order: OrderViewT }) {
  const [copied, setCopied] = useState('')
  const copy = (v: Venue) => {
    Promise.resolve(Taro.setClipboardData({ data: `${v.name} ${v.address}` }))
      .then(() => setCopied(v.id))
      .catch(() => setCopied(''))
  }
  return (
    <Section title='领取地点' id='mall-order-venues'>
      {order.venues.length ? null : <Text className='tq-muted'>兑换点暂时停用，请联系发布物资的团组织。</Text>}
      {order.venues.map((v) => {
        const point = pointOf(v)
        return (
          <View key={v.id} className='tq-list-item' id={`mall-order-venue-${v.id}`}>
            <Text className='tq-list-item__title'>{v.name}</Text>
            <Text className='tq-list-item__meta'>{v.address}</Text>
            {v.hours ? <Text className='tq-list-item__meta'>{`开放时间：${v.hours}`}</Text> : null}
            <View className='tq-row'>
              <Text id={`mall-order-venue-${v.id}-copy`} className='tq-mall__link' onClick={() => copy(v)}>
                {copied === v.id ? '地址已复制' : '复制地址'}
              </Text>
              {point && canOpenMap() ? (
                <Text id={`mall-order-venue-${v.id}-map`} className='tq-mall__link' onClick={() => openMap({ name: v.name, ...point })}>
                  查看地图
                </Text>
              ) : null}
            </View>
          </View>
        )
      })}
    </Section>
  )
}

/** The QR and the 8 digits for the clerk, and the deadline: shown only while the order waits for pickup. */
function PickupCode({ order }: { order: OrderViewT }) {
  // WeChat forgets the setting when the app goes to the background: the page sets it again when shown.
  useEffect(() => {
    keepScreenOn(true)
    return () => keepScreenOn(false)
  }, [])
  const code = order.pickupCode ?? ''
  return (
    <View className='tq-mall__card tq-mall-order__code-card' id='mall-order-pickup'>
      <Text className='tq-muted'>到兑换点出示二维码，或报出兑换码</Text>
      <View className='tq-mall-order__qr'>
        <QrCode id='mall-order-qr' value={code} size={240} />
      </View>
      <Text className='tq-mall-order__code' id='mall-order-code' userSelect aria-label={`兑换码 ${code.split('').join(' ')}`}>
        {code}
      </Text>
      <Text className='tq-mall-order__deadline' id='mall-order-deadline'>
        {deadlineText(order)}
      </Text>
      <Text className='tq-muted'>过期未领取，益币自动退回。屏幕会保持常亮。</Text>
    </View>
  )
}

/**
 * One order of mine. While it waits for pickup: the QR and the 8-digit code in large type, the
 * deadline, the venues with address and hours, and cancel (the 益币 come back). Afterwards: what
 * became of it. Someone else's order id answers ORDER.NOT_FOUND, shown as it is.
 */
export default function OrderPage() {
  const { id, redeemed } = usePageParams('id', 'redeemed')
  // The redemption's own answer, so the code shows at once on a poor network.
  const [handed] = useState(() => (id ? takeOrder(id) : null))
  const fetchOrder = useCallback(() => ordersApi.getOrder({ orderId: id }), [id])
  const page = usePageLoad(id ? fetchOrder : null, 'points.getOrder')
  const { dialog, ask } = useConfirm()
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)

  useShownAgain(() => {
    if ((page.data?.order ?? handed)?.status === 'ready') keepScreenOn(true)
    void page.reload()
  })
  usePullDownRefresh(() => {
    void page.reload().then(() => void Taro.stopPullDownRefresh())
  })

  const order = page.data?.order ?? handed
  if (!id || !order) {
    return (
      <PageShell id='page-mall-order'>
        {id ? <LoadState state={page} errorId='mall-order-error' retryId='mall-order-retry' /> : <Notice>没有找到这笔兑换订单。</Notice>}
      </PageShell>
    )
  }

  const cancel = async () => {
    if (busy) return
    const ok = await ask({
      title: '取消兑换',
      content: `取消后 ${order.cost} 益币会退回，物资放回库存，兑换码作废。确定取消吗？`,
      confirmText: '确定取消',
    })
    if (!ok) return
    setBusy(true)
    setNotice(null)
    try {
      const { order: next } = await ordersApi.cancelOrder({ orderId: order.id })
      page.setData({ order: next })
      setNotice({ kind: 'success', text: `已取消，${next.cost} 益币已退回。` })
    } catch (e) {
      // Picked up or expired meanwhile: say so, and show the order as it is now.
      setNotice({ kind: 'error', text: toApiError(e, 'points.cancelOrder').message })
      void page.reload()
    } finally {
      setBusy(false)
    }
  }

  const tag = statusTag(order)
  const ready = order.status === 'ready' && !!order.pickupCode

  return (
    <PageShell id='page-mall-order'>
      {redeemed && ready ? (
        <Notice kind='success' id='mall-order-redeemed'>
          兑换成功！请凭下面的兑换码到兑换点领取。
        </Notice>
      ) : null}
      <View className='tq-mall__card' id='mall-order-card'>
        <View className='tq-row'>
          {order.image ? <Image className='tq-mall-goods__logo' src={order.image} mode='aspectFill' /> : null}
          <View className='tq-grow'>
            <Text className='tq-list-item__title' id='mall-order-goods'>{`${order.goodsName} × ${order.quantity}件`}</Text>
            <Text className='tq-list-item__meta'>{`${order.cost} 益币 · ${formatDateTime(order.createdAt)} 兑换`}</Text>
          </View>
          <ToneTag tone={tag.tone} solid id='mall-order-status'>
            {tag.text}
          </ToneTag>
        </View>
        {order.status === 'picked_up' ? (
          <Text className='tq-mall-order__line' id='mall-order-picked'>
            {orderLine(order)}
          </Text>
        ) : order.status !== 'ready' ? (
          <Text className='tq-mall-order__line' id='mall-order-closed'>
            {orderLine(order)}
          </Text>
        ) : null}
      </View>

      <Notice kind={notice?.kind} id='mall-order-notice'>
        {notice?.text}
      </Notice>
      {page.error && !page.loading ? <Notice id='mall-order-error'>{page.error.message}</Notice> : null}

      {ready ? <PickupCode order={order} /> : null}

      {order.status === 'ready' || order.status === 'picked_up' ? <Venues order={order} /> : null}

      <View className='tq-actions'>
        {order.status === 'ready' ? (
          <Button id='mall-order-cancel' className='tq-button' size='large' block loading={busy} onClick={() => void cancel()}>
            取消兑换
          </Button>
        ) : null}
        <Button id='mall-order-orders' className='tq-button' size='large' block onClick={() => go(ROUTES.mallOrders)}>
          我的兑换
        </Button>
      </View>
      {dialog}
    </PageShell>
  )
}
