import { useCallback, useEffect, useRef, useState, type PropsWithChildren } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { Role } from '../../../../../types/enums'
import { PageShell, Section } from '../../../../components/page-shell'
import { Notice } from '../../../../components/notice'
import { RequireRole } from '../../../../components/require-role'
import { ToneTag } from '../../../../components/tone-tag'
import { useSession } from '../../../../hooks/use-session'
import { toApiError, type ApiError } from '../../../../services/api'
import { ordersApi } from '../../../../services/api/orders'
import { canScan, scan, watchNetwork } from '../../../../utils/platform'
import { formatTime } from '../../../../utils/time'
import {
  QUEUED_TEXT,
  applyResults,
  enqueue,
  localOrderOf,
  lookupLocal,
  makePickup,
  payloadOf,
  pickupCodeFrom,
  queuedFor,
  spaced,
  toSend,
  withoutOrders,
  type LocalOrder,
  type OrderBook,
  type PickupOutcome,
  type QueuedPickup,
} from '../../pickup-queue'
import {
  rememberBook,
  rememberQueue,
  rememberVenueId,
  rememberVenues,
  storedBook,
  storedQueue,
  storedVenueId,
  storedVenues,
  type PickupVenue,
} from '../../pickup-store'
import { CodeKeypad } from './keypad'
import { OrderCard } from './order-card'
import './index.scss'

/** Who may open the counter; which venues each may serve is the server's answer (myPickupVenues). */
const COUNTER_ROLES: Role[] = ['clerk', 'cadre', 'admin']

/** Refusals that mean the order is no longer waiting: it leaves the phone's book at once. */
const NOT_WAITING = new Set(['ORDER.PICKED_UP', 'ORDER.EXPIRED', 'ORDER.CANCELLED', 'ORDER.NOT_READY'])

const PAGE_LIMIT = 50

type Shown = { kind: 'order'; order: LocalOrder; offline: boolean } | { kind: 'done'; order: LocalOrder; offline: boolean; saved: boolean }

type Status = { kind: 'info' | 'error' | 'success'; text: string }

const isNetwork = (e: ApiError) => e.code === 'GENERIC.NETWORK'

function VenueChoice({ venues, onChoose }: { venues: PickupVenue[]; onChoose: (id: string) => void }) {
  return (
    <Section title='选择兑换点' id='pickup-venues'>
      <Text className='tq-muted'>选一次即可，下次打开会记住。</Text>
      {venues.map((v) => (
        <View key={v.id} id={`pickup-venue-${v.id}`} className='tq-pickup__venue-option' hoverClass='tq-pressed' onClick={() => onChoose(v.id)}>
          <Text className='tq-pickup__venue-option-name'>{v.name}</Text>
          <Text className='tq-muted'>{[v.orgName, v.address].filter(Boolean).join(' · ')}</Text>
        </View>
      ))}
    </Section>
  )
}

function Counter({ venue, canSwitch, onSwitch }: { venue: PickupVenue; canSwitch: boolean; onSwitch: () => void }) {
  const venueId = venue.id
  const [online, setOnlineState] = useState(true)
  const onlineRef = useRef(true)
  const setOnline = (on: boolean) => {
    onlineRef.current = on
    setOnlineState(on)
  }

  const bookRef = useRef<OrderBook | null>(storedBook(venueId))
  const [book, setBookState] = useState<OrderBook | null>(bookRef.current)
  const [bookNote, setBookNote] = useState('')
  const setBook = (next: OrderBook | null, persist = true) => {
    bookRef.current = next
    setBookState(next)
    if (next && persist && !rememberBook(next)) setBookNote('本机存储空间不足，订单没能保存到手机上；没有网络时将不能核销。')
  }

  const queueRef = useRef<QueuedPickup[]>(storedQueue())
  const [queue, setQueueState] = useState<QueuedPickup[]>(queueRef.current)
  const setQueue = (next: QueuedPickup[]): boolean => {
    queueRef.current = next
    setQueueState(next)
    return rememberQueue(next)
  }

  const [digits, setDigits] = useState('')
  const [shown, setShown] = useState<Shown | null>(null)
  const [refusal, setRefusal] = useState<{ code: string; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const busyRef = useRef(false)
  const [status, setStatus] = useState<Status | null>(null)
  const [outcomes, setOutcomes] = useState<PickupOutcome[]>([])
  const [syncing, setSyncing] = useState(false)
  const syncingRef = useRef(false)
  const downloadingRef = useRef(false)
  const [downloading, setDownloading] = useState(false)
  /** Orders handed over from this phone since the page opened: a download that raced them must not bring them back. */
  const handedRef = useRef(new Set<string>())

  const forget = (orderIds: string[]) => {
    for (const id of orderIds) handedRef.current.add(id)
    setBook(withoutOrders(bookRef.current, orderIds))
  }

  /**
   * Uploads the queue once: every queued order is sent once per upload (batches of the contract's
   * size), each answer applied to the queue as it is then, so confirmations made meanwhile wait for the next.
   */
  const sync = useCallback(async (): Promise<void> => {
    if (syncingRef.current) return
    const sent = new Set<string>()
    let batch = toSend(queueRef.current)
    if (!batch.length) return
    syncingRef.current = true
    setSyncing(true)
    try {
      while (batch.length) {
        for (const b of batch) sent.add(b.orderId)
        const { results } = await ordersApi.syncPickups({ items: payloadOf(batch) })
        setOnline(true)
        const applied = applyResults(queueRef.current, results)
        setQueue(applied.queue)
        forget(applied.outcomes.map((o) => o.orderId))
        setOutcomes((prev) => [...applied.outcomes, ...prev].slice(0, 100))
        batch = toSend(applied.queue, sent)
      }
      const waiting = queueRef.current.filter((q) => q.retry).length
      setStatus(waiting ? { kind: 'info', text: `有 ${waiting} 笔暂未上传成功，稍后会自动重试。` } : { kind: 'success', text: '离线核销已全部上传，结果见下方。' })
    } catch (e) {
      const err = toApiError(e, 'points.syncPickups')
      if (isNetwork(err)) {
        setOnline(false)
        setStatus({ kind: 'info', text: '暂时没有网络，待上传的核销记录保存在本机，联网后自动上传。' })
      } else setStatus({ kind: 'error', text: `${err.message} 核销记录仍保存在本机，可稍后点「上传」重试。` })
    } finally {
      syncingRef.current = false
      setSyncing(false)
    }
  }, [])

  /** This venue's waiting orders, every page, into the phone; the old book stays until the new one is whole. */
  const download = useCallback(async (): Promise<void> => {
    if (downloadingRef.current) return
    downloadingRef.current = true
    setDownloading(true)
    try {
      const orders: LocalOrder[] = []
      let cursor: string | undefined
      for (;;) {
        const page = await ordersApi.pickupList({ venueId, cursor, limit: PAGE_LIMIT })
        orders.push(...page.items.filter((o) => o.status === 'ready').map(localOrderOf))
        if (!page.nextCursor) break
        cursor = page.nextCursor
      }
      setOnline(true)
      const skip = new Set([...handedRef.current, ...queueRef.current.map((q) => q.orderId)])
      setBookNote('')
      setBook({ venueId, savedAt: Date.now(), orders: orders.filter((o) => !skip.has(o.orderId)) })
    } catch (e) {
      const err = toApiError(e, 'points.pickupList')
      if (isNetwork(err)) setOnline(false)
      else setBookNote(`订单没能下载：${err.message}`)
    } finally {
      downloadingRef.current = false
      setDownloading(false)
    }
  }, [venueId])

  /** Upload first, so the download that follows already knows what this phone handed over. */
  const refresh = useCallback(async () => {
    await sync()
    await download()
  }, [sync, download])

  useEffect(() => {
    void refresh()
    return watchNetwork((on) => {
      setOnline(on)
      if (on) void refresh()
    })
  }, [refresh])
  useDidShow(() => void refresh())

  const refuse = (code: string, text: string) => {
    setShown(null)
    setDigits('')
    setRefusal({ code, text })
  }

  /** The server answered the lookup; false when it could not be reached. */
  const lookupOnline = async (code: string): Promise<boolean> => {
    try {
      const { pickup } = await ordersApi.lookupPickup({ venueId, pickupCode: code })
      setOnline(true)
      setShown({ kind: 'order', order: localOrderOf(pickup), offline: false })
      return true
    } catch (e) {
      const err = toApiError(e, 'points.lookupPickup')
      if (isNetwork(err)) {
        setOnline(false)
        return false
      }
      if (NOT_WAITING.has(err.code)) {
        const known = bookRef.current?.orders.find((o) => o.pickupCode === code)
        if (known) forget([known.orderId])
      }
      refuse(code, err.message)
      return true
    }
  }

  const lookup = async (raw: string) => {
    const code = pickupCodeFrom(raw)
    if (!code || busyRef.current) return
    setRefusal(null)
    setStatus(null)
    // A code confirmed on this phone and not yet uploaded is never confirmed again, online or not.
    if (queuedFor(queueRef.current, code)) return refuse(code, QUEUED_TEXT)
    busyRef.current = true
    setBusy(true)
    try {
      let asked = false
      if (onlineRef.current) {
        asked = true
        if (await lookupOnline(code)) return
      }
      const local = lookupLocal(bookRef.current, queueRef.current, venueId, code, Date.now())
      // Not in the book (redeemed after the download, or no book yet): the network may be back.
      if (local.kind === 'unknown' && !asked && (await lookupOnline(code))) return
      if (local.kind === 'found') setShown({ kind: 'order', order: local.order, offline: true })
      else if (local.kind === 'queued') refuse(code, QUEUED_TEXT)
      else refuse(code, local.message)
    } finally {
      busyRef.current = false
      setBusy(false)
    }
  }

  const scanCode = async () => {
    setRefusal(null)
    const answer = await scan()
    if (!answer.ok) {
      if (!answer.cancelled) setStatus({ kind: 'error', text: '没有识别到二维码，请对准青年订单上的二维码再扫，或直接输入8位兑换码。' })
      return
    }
    const code = pickupCodeFrom(answer.text)
    if (!code) return setStatus({ kind: 'error', text: '这不是兑换码。请扫描青年「我的订单」里的领取二维码，或输入二维码下方的8位数字。' })
    setDigits(code)
    await lookup(code)
  }

  /** Keeps the handover on the phone, to upload when the network is back (with the time it happened). */
  const confirmOffline = (order: LocalOrder) => {
    const { queue: next, added } = enqueue(queueRef.current, makePickup(order, venueId, Date.now()))
    if (!added) return refuse(order.pickupCode, QUEUED_TEXT)
    const saved = setQueue(next)
    forget([order.orderId])
    setShown({ kind: 'done', order, offline: true, saved })
    void Taro.vibrateShort({ type: 'light' }).catch(() => undefined)
    void sync()
  }

  const confirm = async () => {
    if (shown?.kind !== 'order' || busyRef.current) return
    const { order, offline } = shown
    if (queuedFor(queueRef.current, order.pickupCode)) return refuse(order.pickupCode, QUEUED_TEXT)
    if (offline) return confirmOffline(order)
    busyRef.current = true
    setBusy(true)
    try {
      await ordersApi.confirmPickup({ venueId, orderId: order.orderId, pickupCode: order.pickupCode })
      setOnline(true)
      forget([order.orderId])
      setShown({ kind: 'done', order, offline: false, saved: true })
      void Taro.vibrateShort({ type: 'light' }).catch(() => undefined)
    } catch (e) {
      const err = toApiError(e, 'points.confirmPickup')
      if (isNetwork(err)) {
        // The answer was lost or never sent: the handover is queued, and the server answers an
        // upload of an order it already handed over with the time it did.
        setOnline(false)
        confirmOffline(order)
      } else {
        if (NOT_WAITING.has(err.code)) forget([order.orderId])
        refuse(order.pickupCode, err.message)
      }
    } finally {
      busyRef.current = false
      setBusy(false)
    }
  }

  const next = () => {
    setShown(null)
    setDigits('')
    setRefusal(null)
  }

  const retrying = queue.filter((q) => q.retry).length

  return (
    <>
      <View className='tq-row tq-pickup__venue'>
        <View className='tq-grow'>
          <Text className='tq-pickup__venue-name' id='pickup-venue-name'>
            {venue.name}
          </Text>
          <Text className='tq-muted'>{venue.orgName}</Text>
        </View>
        <ToneTag tone={online ? 'green' : 'orange'} id='pickup-network'>
          {online ? '在线' : '离线'}
        </ToneTag>
        {canSwitch ? (
          <Button id='pickup-venue-switch' size='small' onClick={onSwitch}>
            切换
          </Button>
        ) : null}
      </View>

      <Notice kind={status?.kind ?? 'info'} id='pickup-status'>
        {status?.text}
      </Notice>

      {shown?.kind === 'done' ? (
        <Section id='pickup-done'>
          <View className='tq-pickup__done'>
            <View className={shown.offline ? 'tq-pickup__tick tq-pickup__tick--queued' : 'tq-pickup__tick'}>✓</View>
            <Text className='tq-pickup__done-title' id='pickup-done-title'>
              {shown.offline ? '已确认领取（待上传）' : '领取成功'}
            </Text>
            <Text className='tq-pickup__done-line'>{`${shown.order.goodsName} × ${shown.order.quantity}`}</Text>
            <Text className='tq-pickup__done-line'>{`请把物资交给 ${shown.order.holderName}`}</Text>
            {shown.offline ? (
              <Text className='tq-muted tq-pickup__done-note'>
                {shown.saved ? '已记在本机，联网后自动上传，以现在的时间为准。' : '本机存储已满，这笔确认只保存在本页：请不要关闭本页，联网后点「上传」。'}
              </Text>
            ) : null}
          </View>
          <Button id='pickup-next' className='tq-button tq-pickup__big' type='primary' size='large' block onClick={next}>
            核销下一笔
          </Button>
        </Section>
      ) : shown?.kind === 'order' ? (
        <Section id='pickup-check'>
          <OrderCard order={shown.order} offline={shown.offline} />
          <Button id='pickup-confirm' className='tq-button tq-pickup__big' type='primary' size='large' block loading={busy} onClick={() => void confirm()}>
            确认领取
          </Button>
          <Button id='pickup-cancel' className='tq-button tq-pickup__cancel' size='large' block onClick={next}>
            不是这笔，重新输入
          </Button>
        </Section>
      ) : (
        <Section id='pickup-entry'>
          {canScan() ? (
            <Button id='pickup-scan' className='tq-button tq-pickup__big' type='primary' size='large' block disabled={busy} onClick={() => void scanCode()}>
              扫码核销
            </Button>
          ) : null}
          <Text className='tq-muted tq-pickup__hint'>{canScan() ? '或输入对方订单上的8位兑换码：' : '输入对方订单上的8位兑换码：'}</Text>
          {refusal ? (
            <View className='tq-pickup__refusal' id='pickup-refusal'>
              <Notice id='pickup-error'>{refusal.text}</Notice>
              <Text className='tq-muted' id='pickup-error-code'>{`兑换码 ${spaced(refusal.code)}`}</Text>
            </View>
          ) : null}
          <CodeKeypad value={digits} onChange={(v) => {
              setRefusal(null)
              setDigits(v)
            }} onComplete={(c) => void lookup(c)} disabled={busy} />
          {busy ? <Text className='tq-muted tq-pickup__hint'>正在查询…</Text> : null}
        </Section>
      )}

      <Section
        title='待上传'
        id='pickup-queue'
        extra={
          <Text className='tq-pickup__count' id='pickup-queue-count'>
            {`${queue.length} 笔`}
          </Text>
        }
      >
        <View className='tq-row tq-pickup__queue-bar'>
          <Text className='tq-grow tq-muted'>
            {queue.length ? `没有网络时确认的领取，联网后自动上传${retrying ? `；${retrying} 笔等待重试` : ''}` : '没有待上传的核销'}
          </Text>
          <Button id='pickup-upload' type='primary' fill='outline' loading={syncing} disabled={!queue.length} onClick={() => void refresh()}>
            上传
          </Button>
        </View>
        {queue.map((q) => (
          <View key={q.orderId} className='tq-list-item tq-row tq-pickup__item' id={`pickup-queued-${q.orderId}`}>
            <View className='tq-grow'>
              <Text className='tq-pickup__item-title'>{`${q.goodsName} × ${q.quantity} · ${q.holderName}`}</Text>
              <Text className='tq-list-item__meta'>{`确认时间 ${formatTime(q.at)}`}</Text>
              {q.retry ? <Text className='tq-pickup__item-error'>{q.retry}</Text> : null}
            </View>
            <ToneTag tone='grey'>待上传</ToneTag>
          </View>
        ))}
      </Section>

      {outcomes.length ? (
        <Section title='上传结果' id='pickup-results'>
          {outcomes.map((o) => (
            <View key={`${o.orderId}-${o.at}`} className='tq-list-item tq-pickup__item' id={`pickup-result-${o.orderId}`}>
              <Text className='tq-pickup__item-title'>{`${o.goodsName} × ${o.quantity} · ${o.holderName}`}</Text>
              <Text className='tq-list-item__meta'>{`确认时间 ${formatTime(o.at)}`}</Text>
              <Text className={o.ok ? 'tq-pickup__item-ok' : 'tq-pickup__item-error'}>{o.message}</Text>
            </View>
          ))}
        </Section>
      ) : null}

      <Section title='离线准备' id='pickup-book'>
        <View className='tq-row tq-pickup__queue-bar'>
          <Text className='tq-grow tq-muted' id='pickup-book-summary'>
            {book ? `本机已下载 ${book.orders.length} 笔待领取订单（${formatTime(book.savedAt)} 更新），没有网络也能核对。` : '还没有下载本兑换点的订单；没有网络时将不能核对。'}
          </Text>
          <Button id='pickup-download' size='small' loading={downloading} onClick={() => void refresh()}>
            更新
          </Button>
        </View>
        <Notice id='pickup-book-note'>{bookNote}</Notice>
      </Section>
    </>
  )
}

/** The venues the clerk may serve (remembered for a visit with no network), and the one chosen. */
function PickupStation() {
  const [venues, setVenues] = useState<PickupVenue[]>(() => storedVenues())
  const [loaded, setLoaded] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [chosen, setChosen] = useState<string | null>(() => storedVenueId())
  const [choosing, setChoosing] = useState(false)

  useEffect(() => {
    ordersApi
      .myPickupVenues({})
      .then(({ venues: fresh }) => {
        setVenues(fresh)
        rememberVenues(fresh)
        setError(null)
      })
      .catch((e: unknown) => setError(toApiError(e, 'points.myPickupVenues')))
      .finally(() => setLoaded(true))
  }, [])

  const choose = (id: string) => {
    rememberVenueId(id)
    setChosen(id)
    setChoosing(false)
  }

  // Offline, the venues from the last visit serve; any other failure is the server's sentence.
  if (error && !isNetwork(error)) return <Notice id='pickup-venues-error'>{error.message}</Notice>
  if (!venues.length) {
    if (!loaded) return <Text className='tq-muted'>正在加载兑换点…</Text>
    if (error) return <Notice id='pickup-venues-error'>{error.message}</Notice>
    return (
      <Notice kind='info' id='pickup-no-venue'>
        您还没有可以核销的兑换点。请联系团县委，为您指定兑换点后再来。
      </Notice>
    )
  }
  // One venue: nothing to choose.
  const venue = venues.length === 1 ? venues[0] : venues.find((v) => v.id === chosen)
  if (!venue || choosing) return <VenueChoice venues={venues} onChoose={choose} />
  return <Counter key={venue.id} venue={venue} canSwitch={venues.length > 1} onSwitch={() => setChoosing(true)} />
}

/**
 * The role check, except where the phone is offline and the session could not load: then the venues
 * from the last visit open the counter, and the server checks the role again on every upload.
 */
function CounterGate({ children }: PropsWithChildren) {
  const { me, error } = useSession()
  if (!me && error && isNetwork(error) && storedVenues().length) return <>{children}</>
  return <RequireRole roles={COUNTER_ROLES}>{children}</RequireRole>
}

export default function PickupPage() {
  return (
    <PageShell id='page-clerk-pickup' title='核销兑换' subtitle='扫码或输入兑换码，核对手机尾号后确认领取'>
      <CounterGate>
        <PickupStation />
      </CounterGate>
    </PageShell>
  )
}

