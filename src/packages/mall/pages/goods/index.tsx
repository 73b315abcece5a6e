import { useCallback, useEffect, useRef, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import type { GoodsDetailT } from '../../../../../types/contract/goods'
import type { ErrorCode } from '../../../../../types/errors'
import { GOODS_CATEGORY_LABEL } from '../../../../../types/enums'
import { PageShell, Section } from '../../../../components/page-shell'
import { Notice } from '../../../../components/notice'
import { LoadState } from '../../../../components/load-state'
import { ToneTag } from '../../../../components/tone-tag'
import { usePageLoad, useShownAgain } from '../../../../hooks/use-page-load'
import { useNow, usePageParams } from '../../../../hooks/use-page-params'
import { toApiError } from '../../../../services/api'
import { goodsApi } from '../../../../services/api/goods'
import { ordersApi } from '../../../../services/api/orders'
import { walletApi } from '../../../../services/api/wallet'
import { leftText, limitText } from '../../../../utils/mall'
import { canOpenMap, openMap, orderTemplateIds, previewImages, requestSubscribe } from '../../../../utils/platform'
import { ROUTES, back, replace } from '../../../../utils/routes'
import { formatDateTime } from '../../../../utils/time'
import { uuidV4 } from '../../../../utils/uuid'
import { handOrder } from '../../order-cache'
import { clampQuantity, redeemLimits, stopText } from '../../redeem-limits'
import { ConfirmSheet } from './confirm-sheet'
import { QuantityStepper } from './stepper'
import '../../mall.scss'

/**
 * Answers after which nobody knows whether the redemption happened (the reply was lost, the server
 * failed midway): the same confirmation retries with the same request key, which the server answers
 * with the first order if there was one (docs/bad-inputs.md §27). Every other answer is the server's
 * verdict on a request that left no trace, so the next confirmation is a new request.
 */
const UNSURE = new Set<ErrorCode>(['GENERIC.NETWORK', 'GENERIC.INTERNAL', 'GENERIC.CONFLICT'])

/** Loading this page has nothing to retry: the goods item is gone or belongs to another county. */
const GONE = new Set<ErrorCode>(['GOODS.NOT_FOUND', 'GOODS.OTHER_COUNTY'])

interface Attempt {
  requestId: string
  quantity: number
  /** The subscription prompt's answer, asked once per attempt (WeChat shows it only right after a tap). */
  subscribed: boolean | null
  /** Sent at least once without a verdict: the key must outlive the sheet being closed. */
  unsure: boolean
}

interface Shown {
  goods: GoodsDetailT
  balance: number
}

function Venues({ goods }: { goods: GoodsDetailT }) {
  if (!goods.venues.length) return <Text className='tq-muted'>暂无开放的兑换点。</Text>
  return (
    <>
      {goods.venues.map((v) => (
        <View key={v.id} className='tq-list-item tq-mall-venue' id={`mall-goods-venue-${v.id}`}>
          <Text className='tq-list-item__title'>{v.name}</Text>
          <Text className='tq-list-item__meta'>{v.address}</Text>
          {v.hours ? <Text className='tq-list-item__meta'>{`开放时间：${v.hours}`}</Text> : null}
          {canOpenMap() ? (
            <Text id={`mall-goods-venue-${v.id}-map`} className='tq-mall-venue__link' onClick={() => openMap({ name: v.name, lat: v.lat, lng: v.lng })}>
              查看地图
            </Text>
          ) : null}
        </View>
      ))}
    </>
  )
}

export default function GoodsPage() {
  const { id } = usePageParams('id')
  const now = useNow()
  const load = useCallback(async (): Promise<Shown> => {
    const [{ goods }, wallet] = await Promise.all([goodsApi.getGoods({ goodsId: id }), walletApi.balance({})])
    return { goods, balance: wallet.balance }
  }, [id])
  const page = usePageLoad(id ? load : null, 'points.getGoods')
  const [quantity, setQuantity] = useState(1)
  const [sheet, setSheet] = useState(false)
  const [sending, setSending] = useState(false)
  const [unsure, setUnsure] = useState<string | null>(null)
  const [refusal, setRefusal] = useState<string | null>(null)
  const attempt = useRef<Attempt | null>(null)
  // A second tap before the first one's render must not send the request twice.
  const inflight = useRef(false)

  useShownAgain(() => {
    if (page.data && !sending) void page.reload()
  })

  const g = page.data?.goods ?? null
  const balance = page.data?.balance ?? 0
  const limits = g ? redeemLimits(g, balance, now) : null

  // Fresh figures (a refusal, a page shown again) may lower the bound below the chosen quantity.
  const max = limits?.max ?? 1
  useEffect(() => {
    setQuantity((q) => clampQuantity(q, max))
  }, [max])

  if (!id || !g || !limits) {
    return (
      <PageShell id='page-mall-goods'>
        {!id ? (
          <Notice>没有找到这件物资。</Notice>
        ) : (
          <LoadState
            state={page}
            errorId='mall-goods-load-error'
            retryId='mall-goods-retry'
            action={
              page.error && GONE.has(page.error.code) ? (
                <Button id='mall-goods-back' className='tq-button' size='large' block onClick={() => back(ROUTES.points)}>
                  返回益币
                </Button>
              ) : undefined
            }
          />
        )}
      </PageShell>
    )
  }

  const openSheet = () => {
    setRefusal(null)
    const a = attempt.current
    // The same confirmation again (after a lost reply) keeps its key; any other is a new request.
    if (!a || !a.unsure || a.quantity !== quantity) {
      attempt.current = { requestId: uuidV4(), quantity, subscribed: null, unsure: false }
      setUnsure(null)
    }
    setSheet(true)
  }

  const closeSheet = () => {
    if (sending) return
    setSheet(false)
    if (attempt.current && !attempt.current.unsure) attempt.current = null
  }

  const confirm = async () => {
    const a = attempt.current
    if (!a || inflight.current) return
    inflight.current = true
    // Asked first, inside the tap: WeChat refuses the prompt once anything else has been awaited.
    if (a.subscribed === null) a.subscribed = await requestSubscribe(orderTemplateIds())
    setSending(true)
    try {
      const { order } = await ordersApi.redeem({ requestId: a.requestId, goodsId: g.id, quantity: a.quantity, subscribed: a.subscribed })
      attempt.current = null
      handOrder(order)
      replace(ROUTES.mallOrder, { id: order.id, redeemed: 1 })
    } catch (e) {
      const err = toApiError(e, 'points.redeem')
      if (UNSURE.has(err.code)) {
        a.unsure = true
        setUnsure(err.message)
      } else {
        // 已兑完, 超过限兑数量, 益币不足 …: said in the server's words, with the figures asked again.
        attempt.current = null
        setUnsure(null)
        setSheet(false)
        setRefusal(err.message)
        void page.reload()
      }
    } finally {
      inflight.current = false
      setSending(false)
    }
  }

  const limit = limitText(g)
  const pending = attempt.current?.unsure && !sheet ? attempt.current : null
  const cost = g.price * quantity

  return (
    <PageShell id='page-mall-goods'>
      <View className='tq-mall-goods__picture' onClick={() => previewImages(g.images)}>
        {g.images.length ? (
          <Image id='mall-goods-image' className='tq-mall-goods__image' src={g.images[0]} mode='aspectFill' />
        ) : (
          <Text className='tq-mall-goods__no-image'>{GOODS_CATEGORY_LABEL[g.category]}</Text>
        )}
        {g.images.length > 1 ? <Text className='tq-mall-goods__count'>{`共${g.images.length}张`}</Text> : null}
      </View>

      <View className='tq-mall-goods__head'>
        <View className='tq-row'>
          <ToneTag tone='blue'>{GOODS_CATEGORY_LABEL[g.category]}</ToneTag>
          {g.status !== 'on_sale' ? <ToneTag tone='grey'>{leftText(g)}</ToneTag> : null}
        </View>
        <Text className='tq-mall-goods__name' id='mall-goods-name'>
          {g.name}
        </Text>
        <View className='tq-row'>
          <Text className='tq-mall-goods__price' id='mall-goods-price'>{`${g.price} 益币`}</Text>
          <Text className='tq-muted' id='mall-goods-left'>
            {leftText(g)}
          </Text>
        </View>
        {limit ? <Text className='tq-muted tq-mall-goods__line' id='mall-goods-limit'>{limit}</Text> : null}
        {g.mine !== null ? <Text className='tq-muted tq-mall-goods__line' id='mall-goods-mine'>{`您还可兑换 ${g.mine} 件`}</Text> : null}
        <Text className='tq-muted tq-mall-goods__line' id='mall-goods-balance'>{`我的益币：${balance}`}</Text>
      </View>

      <Section title='兑换' id='mall-goods-redeem'>
        {limits.blocked ? (
          <Notice kind='info' id='mall-redeem-blocked'>
            {limits.blocked}
          </Notice>
        ) : (
          <>
            <QuantityStepper value={quantity} max={limits.max} stopText={stopText(limits, g)} onChange={setQuantity} disabled={sending} />
            <Text className='tq-mall-goods__total' id='mall-redeem-total'>{`共 ${cost} 益币`}</Text>
          </>
        )}
        <Notice id='mall-redeem-refusal'>{refusal}</Notice>
        {pending ? (
          <Notice kind='info' id='mall-redeem-pending'>
            {`上一次兑换${pending.quantity}件没有收到结果，可能已经成功。请先到「我的兑换」查看；数量仍为${pending.quantity}件时再次确认，不会重复兑换。`}
          </Notice>
        ) : null}
        <View className='tq-actions'>
          <Button id='mall-redeem-button' className='tq-button' type='primary' size='large' block disabled={!!limits.blocked || sending} onClick={openSheet}>
            立即兑换
          </Button>
        </View>
        <Text className='tq-muted'>{`兑换后${g.pickupDays}天内凭兑换码到兑换点领取，过期自动退回益币。`}</Text>
        {g.availableUntil ? <Text className='tq-muted tq-mall-goods__line'>{`兑换截止：${formatDateTime(g.availableUntil)}`}</Text> : null}
      </Section>

      <Section title='领取地点' id='mall-goods-venues'>
        <Venues goods={g} />
      </Section>

      {g.description ? (
        <Section title='物资介绍'>
          <Text className='tq-mall-goods__text' id='mall-goods-description'>
            {g.description}
          </Text>
        </Section>
      ) : null}

      <Section title='爱心企业' id='mall-goods-donor'>
        <View className='tq-row'>
          {g.donor.logo ? <Image className='tq-mall-goods__logo' src={g.donor.logo} mode='aspectFit' /> : null}
          <Text className='tq-list-item__title'>{g.donor.name}</Text>
        </View>
        {g.donor.story ? <Text className='tq-mall-goods__text'>{g.donor.story}</Text> : null}
      </Section>

      <ConfirmSheet
        open={sheet}
        goods={g}
        quantity={attempt.current?.quantity ?? quantity}
        balance={balance}
        sending={sending}
        unsure={unsure}
        onConfirm={() => void confirm()}
        onClose={closeSheet}
      />
    </PageShell>
  )
}
