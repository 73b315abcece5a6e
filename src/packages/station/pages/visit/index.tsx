import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { stationContract, type VisitViewT } from '../../../../../types/contract/station'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { ListFooter } from '../../../../components/load-more'
import { ListRetry } from '../../../../components/list-retry'
import { LoadState } from '../../../../components/load-state'
import { Notice } from '../../../../components/notice'
import { SingleChoice } from '../../../../components/choice-group'
import { useListPage } from '../../../../hooks/use-list-page'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { useNow, usePageParams } from '../../../../hooks/use-page-params'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { toApiError } from '../../../../services/api'
import { stationApi } from '../../../../services/api/station'
import { codeFromScan } from '../../../../utils/activity'
import { canScan, scan } from '../../../../utils/platform'
import { formatMinutes, formatShortDateTime } from '../../../../utils/time'
import './index.scss'

const ShortCode = stationContract.actions.checkInVisit.input.options[1].shape.shortCode

/** Outside the component: usePageLoad needs a loader that keeps its identity. */
const loadPosts = () => stationApi.myPosts({})

type CheckIn = { code: string } | { venueId: string; shortCode: string }

function minutesSince(from: number, now: number): number {
  return Math.max(0, Math.floor((now - from) / 60_000))
}

/** The visit under way: where, since when, how long so far, and 结束接待. */
function OpenVisit({ v, busy, onEnd }: { v: VisitViewT; busy: boolean; onEnd: () => void }) {
  const now = useNow(15_000)
  return (
    <Section title='正在接待' id='visit-open'>
      <Text className='tq-visit__venue' id='visit-open-venue'>
        {v.venueName}
      </Text>
      <Text className='tq-list-item__meta'>{`进站时间：${formatShortDateTime(v.startedAt)}`}</Text>
      <Text className='tq-visit__running' id='visit-open-duration'>
        {`已接待 ${formatMinutes(minutesSince(v.startedAt, now))}`}
      </Text>
      <Button id='visit-end' className='tq-button' type='danger' size='large' block loading={busy} disabled={busy} onClick={onEnd}>
        结束接待
      </Button>
    </Section>
  )
}

function VisitRow({ v }: { v: VisitViewT }) {
  return (
    <View className='tq-list-item' id={`visit-${v.id}`}>
      <Text className='tq-list-item__title'>{v.venueName}</Text>
      <Text className='tq-list-item__meta'>
        {v.endedAt === null
          ? `${formatShortDateTime(v.startedAt)} 进站 · 接待中`
          : `${formatShortDateTime(v.startedAt)} · ${formatMinutes(v.minutes ?? 0)}${v.autoEnded ? '（超时未结束，已由系统结束）' : ''}`}
      </Text>
    </View>
  )
}

function Visit() {
  const { venueId } = usePageParams('venueId')
  const posts = usePageLoad(loadPosts, 'station.myPosts')
  const fetchVisits = useCallback((cursor?: string) => stationApi.myVisits({ cursor }), [])
  const visits = usePagedList(fetchVisits, 'station.myVisits')
  useListPage(visits, { alsoRefresh: () => posts.reload() })

  // The stations the caller is posted at today, each once: the 6 digits are checked against one of them.
  const stations = useMemo(() => {
    const seen = new Map<string, string>()
    for (const p of posts.data?.posts ?? []) if (p.active && !seen.has(p.venueId)) seen.set(p.venueId, p.venueName)
    return [...seen].map(([value, label]) => ({ value, label }))
  }, [posts.data])
  const [station, setStation] = useState('')
  useEffect(() => {
    if (station || !stations.length) return
    setStation(stations.find((s) => s.value === venueId)?.value ?? stations[0].value)
  }, [stations, station, venueId])

  const [digits, setDigits] = useState('')
  const [busy, setBusy] = useState<'' | 'in' | 'out'>('')
  const inflight = useRef(false)
  const [error, setError] = useState('')
  const [notice, setNotice] = useState('')
  /** The answer of this page's own check-in or check-out; else the open visit in the list. */
  const [current, setCurrent] = useState<VisitViewT | null>(null)
  const open = current ? (current.endedAt === null ? current : null) : (visits.items.find((v) => v.endedAt === null) ?? null)

  const send = async (input: CheckIn) => {
    if (inflight.current) return
    inflight.current = true
    setBusy('in')
    setError('')
    setNotice('')
    try {
      const { visit, resumed } = await stationApi.checkInVisit(input)
      setCurrent(visit)
      setDigits('')
      setNotice(resumed ? `您已在「${visit.venueName}」进站，接着计时。` : `已进站「${visit.venueName}」，开始接待。`)
      void Taro.vibrateShort({ type: 'medium' }).catch(() => undefined)
      void visits.reload()
    } catch (e) {
      setError(toApiError(e, 'station.checkInVisit').message)
    } finally {
      inflight.current = false
      setBusy('')
    }
  }

  const scanAndSend = async () => {
    setError('')
    const answer = await scan()
    if (!answer.ok) {
      if (!answer.cancelled) setError('没有识别到二维码，请对准联络站门口屏幕上的进站码再试。')
      return
    }
    await send({ code: codeFromScan(answer.text) })
  }

  const typeAndSend = async () => {
    const typed = codeFromScan(digits)
    // The browser build cannot scan: the whole code pasted from the door's screen goes as it is.
    if (!canScan() && typed && !/^[0-9]+$/.test(typed)) return send({ code: typed })
    const parsed = ShortCode.safeParse(typed)
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请输入6位数字签到码')
    if (!station) return setError('请先选择您所在的联络站。')
    await send({ venueId: station, shortCode: parsed.data })
  }

  const end = async (v: VisitViewT) => {
    if (inflight.current) return
    inflight.current = true
    setBusy('out')
    setError('')
    setNotice('')
    try {
      const { visit } = await stationApi.checkOutVisit({ visitId: v.id })
      setCurrent(visit)
      setNotice(`已结束在「${visit.venueName}」的接待，本次 ${formatMinutes(visit.minutes ?? 0)}。`)
      void visits.reload()
    } catch (e) {
      const err = toApiError(e, 'station.checkOutVisit')
      setError(err.message)
      // Ended meanwhile (by the sweep, or on another phone): the list says how it ended.
      if (err.code === 'STATION.VISIT_ENDED' || err.code === 'STATION.VISIT_NOT_FOUND') {
        setCurrent(null)
        void visits.reload()
      }
    } finally {
      inflight.current = false
      setBusy('')
    }
  }

  if (!posts.data) return <LoadState state={posts} errorId='visit-load-error' retryId='visit-retry' />

  return (
    <>
      <Notice id='visit-error'>{error}</Notice>
      <Notice kind='success' id='visit-notice'>
        {notice}
      </Notice>
      {open ? (
        <OpenVisit v={open} busy={busy === 'out'} onEnd={() => void end(open)} />
      ) : stations.length === 0 ? (
        <Notice kind='info' id='visit-not-posted'>
          您目前没有在任的联络站派驻，不能进站签到。派驻由团干部在「联络站人员」中登记。
        </Notice>
      ) : (
        <>
          {canScan() ? (
            <Section title='扫码进站' id='visit-by-scan'>
              <Text className='tq-muted tq-visit__hint'>扫描联络站门口屏幕上的进站码（每30秒更换一次）。</Text>
              <Button id='visit-scan' className='tq-button' type='primary' size='large' block loading={busy === 'in'} disabled={!!busy} onClick={() => void scanAndSend()}>
                扫门口的码
              </Button>
            </Section>
          ) : null}
          <Section title={canScan() ? '扫不了码时' : '输入进站码'} id='visit-by-digits'>
            <Field name='visit-station' label='所在联络站' required>
              <SingleChoice name='visit-station' choices={stations} value={station} onChange={setStation} />
            </Field>
            <Field name='visit-code' label='门口屏幕上的6位数字' required>
              <Input
                id='visit-code-input'
                className='tq-input tq-visit__digits'
                value={digits}
                type={canScan() ? 'number' : 'text'}
                placeholder={canScan() ? '6位数字' : '6位数字，或粘贴门口的进站码'}
                maxLength={canScan() ? 6 : 40}
                onChange={setDigits}
                onConfirm={() => void typeAndSend()}
              />
            </Field>
            <Button
              id='visit-code-submit'
              className='tq-button'
              type={canScan() ? 'default' : 'primary'}
              size='large'
              block
              loading={busy === 'in'}
              disabled={!!busy}
              onClick={() => void typeAndSend()}
            >
              进站签到
            </Button>
          </Section>
        </>
      )}
      <Section title='最近的进站记录' id='visit-list'>
        {visits.items.map((v) => (
          <VisitRow key={v.id} v={v} />
        ))}
        <ListFooter list={visits} id='visit-more' emptyText='还没有进站记录' />
        <ListRetry list={visits} id='visit-list-retry' />
      </Section>
    </>
  )
}

export default function VisitPage() {
  return (
    <PageShell id='page-station-visit' title='进站签到' subtitle='到联络站接待青年时签到，离开时结束接待，时长计入履职'>
      <Visit />
    </PageShell>
  )
}
