import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Input, Switch } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { ActivityViewT } from '../../../../../types/contract/activities'
import { PageShell, Section } from '../../../../components/page-shell'
import { Notice } from '../../../../components/notice'
import { RequireRole } from '../../../../components/require-role'
import { Segmented } from '../../../../components/segmented'
import { ToneTag } from '../../../../components/tone-tag'
import { usePageParams } from '../../../../hooks/use-page-params'
import { isApiError, toApiError } from '../../../../services/api'
import { activitiesApi } from '../../../../services/api/activities'
import { scansApi } from '../../../../services/api/scans'
import { canScan, scan, watchNetwork } from '../../../../utils/platform'
import {
  applyResults,
  enqueue,
  isRepeat,
  makeScan,
  parseQueue,
  payloadOf,
  removeScan,
  toSend,
  type QueuedScan,
  type ScanKind,
  type ScanOutcome,
} from '../../../../utils/scan-queue'
import { rememberScanQueue, storedScanQueue } from '../../../../utils/storage'
import { formatTime } from '../../../../utils/time'
import './index.scss'

const KINDS: { value: ScanKind; label: string }[] = [
  { value: 'in', label: '签到' },
  { value: 'out', label: '签退' },
]

/** The last few characters of a personal code: enough to tell scans apart on screen. */
function tail(code: string): string {
  return code.length > 6 ? `…${code.slice(-6)}` : code
}

function ScanStation({ id }: { id: string }) {
  const [activity, setActivity] = useState<ActivityViewT | null>(null)
  const [kind, setKind] = useState<ScanKind>('in')
  const [continuous, setContinuous] = useState(true)
  const [typed, setTyped] = useState('')
  const queueRef = useRef<QueuedScan[]>(parseQueue(storedScanQueue(id)))
  const [queue, setQueueState] = useState<QueuedScan[]>(queueRef.current)
  const [outcomes, setOutcomes] = useState<ScanOutcome[]>([])
  const [syncing, setSyncing] = useState(false)
  const syncingRef = useRef(false)
  const [status, setStatus] = useState<{ kind: 'info' | 'error' | 'success'; text: string } | null>(null)

  const setQueue = useCallback(
    (next: QueuedScan[]) => {
      queueRef.current = next
      setQueueState(next)
      rememberScanQueue(id, next)
    },
    [id],
  )

  /** Sends what is queued (the refused ones too when asked), batch after batch; a failure keeps everything. */
  const sync = useCallback(
    async (includeFailed = false) => {
      if (syncingRef.current) return
      let batch = toSend(queueRef.current, includeFailed)
      if (!batch.length) return
      syncingRef.current = true
      setSyncing(true)
      const sent = new Set<string>()
      try {
        while (batch.length) {
          for (const b of batch) sent.add(b.scanId)
          const { results } = await scansApi.syncScans({ activityId: id, scans: payloadOf(batch) })
          // Apply to the queue as it is now: scans made while this call was out stay queued.
          const applied = applyResults(queueRef.current, results)
          setQueue(applied.queue)
          setOutcomes((prev) => [...applied.outcomes.reverse(), ...prev].slice(0, 100))
          batch = toSend(applied.queue, includeFailed).filter((q) => !sent.has(q.scanId))
        }
        const failed = queueRef.current.filter((q) => q.failed).length
        setStatus(failed ? { kind: 'error', text: `有 ${failed} 条未能签到，原因见下方；核实后可移除或重试。` } : { kind: 'success', text: '已全部上传。' })
      } catch (e) {
        const err = toApiError(e, 'activity.syncScans')
        setStatus(
          isApiError(e) && err.code === 'GENERIC.NETWORK'
            ? { kind: 'info', text: '暂时没有网络，扫码记录已保存在本机，联网后会自动上传。' }
            : { kind: 'error', text: `${err.message} 扫码记录仍保存在本机，可稍后点「同步」重试。` },
        )
      } finally {
        syncingRef.current = false
        setSyncing(false)
      }
    },
    [id, setQueue],
  )

  useEffect(() => {
    activitiesApi
      .getActivity({ activityId: id })
      .then((res) => setActivity(res.activity))
      .catch(() => undefined)
    void sync()
    // Back online: send what waited.
    return watchNetwork((online) => {
      if (online) void sync()
    })
  }, [id, sync])
  useDidShow(() => void sync())

  /** Records one scan at this moment (the phone's clock; the server bounds it by the activity's windows). */
  const record = (personCode: string): boolean => {
    const code = personCode.trim()
    if (!code) return false
    const at = Date.now()
    if (isRepeat(queueRef.current, code, kind, at)) {
      setStatus({ kind: 'info', text: '刚刚已扫过这位青年，不用重复扫。' })
      return true
    }
    setQueue(enqueue(queueRef.current, makeScan(code, kind, at)))
    setStatus({ kind: 'info', text: `已记录${kind === 'in' ? '签到' : '签退'}（${tail(code)}），正在上传…` })
    void Taro.vibrateShort({ type: 'light' }).catch(() => undefined)
    void sync()
    return true
  }

  const scanLoop = async () => {
    for (;;) {
      const answer = await scan()
      if (!answer.ok) {
        if (!answer.cancelled) setStatus({ kind: 'error', text: '没有识别到二维码，请对准青年的签到码再试。' })
        return
      }
      record(answer.text)
      if (!continuous) return
    }
  }

  const submitTyped = () => {
    if (record(typed)) setTyped('')
  }

  const failedCount = queue.filter((q) => q.failed).length
  const waiting = queue.length - failedCount

  return (
    <>
      {activity ? (
        <View className='tq-scan__head'>
          <Text className='tq-scan__title' id='scan-activity-title'>
            {activity.title}
          </Text>
        </View>
      ) : null}
      <Section>
        <Segmented name='scan-kind' segments={KINDS} value={kind} onChange={setKind} />
        {canScan() ? (
          <>
            <View className='tq-row tq-scan__continuous'>
              <Text className='tq-grow'>连续扫码（扫完一个自动扫下一个）</Text>
              <Switch id='scan-continuous' checked={continuous} onChange={setContinuous} />
            </View>
            <Button id='scan-start' className='tq-button tq-scan__start' type='primary' size='large' block onClick={() => void scanLoop()}>
              {`扫码${kind === 'in' ? '签到' : '签退'}`}
            </Button>
          </>
        ) : (
          <View className='tq-scan__type'>
            <Input
              id='scan-code-input'
              className='tq-input'
              value={typed}
              placeholder='输入或粘贴青年的个人签到码'
              maxLength={64}
              onChange={setTyped}
              onConfirm={submitTyped}
            />
            <Button id='scan-code-submit' className='tq-button' type='primary' size='large' block onClick={submitTyped}>
              {`记录${kind === 'in' ? '签到' : '签退'}`}
            </Button>
          </View>
        )}
        <Text className='tq-muted tq-scan__hint'>没有网络也能扫：记录先存在本机，联网后自动上传，以扫码时间为准。</Text>
      </Section>

      <Notice kind={status?.kind ?? 'info'} id='scan-status'>
        {status?.text}
      </Notice>

      <Section
        title='待上传'
        id='scan-queue'
        extra={
          <Text className='tq-scan__count' id='scan-queue-count'>
            {`${queue.length} 条`}
          </Text>
        }
      >
        <View className='tq-row tq-scan__queue-bar'>
          <Text className='tq-grow tq-muted'>{queue.length ? `等待上传 ${waiting} 条${failedCount ? `，未能签到 ${failedCount} 条` : ''}` : '没有待上传的记录'}</Text>
          <Button id='scan-sync' type='primary' fill='outline' loading={syncing} disabled={!queue.length} onClick={() => void sync(true)}>
            同步
          </Button>
        </View>
        {queue.map((q) => (
          <View key={q.scanId} className='tq-list-item tq-row tq-scan__item' id={`scan-queued-${q.scanId}`}>
            <View className='tq-grow'>
              <Text className='tq-scan__item-title'>{`${q.kind === 'in' ? '签到' : '签退'} · ${tail(q.personCode)}`}</Text>
              <Text className='tq-list-item__meta'>{`扫码时间 ${formatTime(q.scannedAt)}`}</Text>
              {q.failed ? <Text className='tq-scan__item-error'>{q.failed.message}</Text> : null}
            </View>
            {q.failed ? (
              <Button id={`scan-remove-${q.scanId}`} size='small' onClick={() => setQueue(removeScan(queueRef.current, q.scanId))}>
                移除
              </Button>
            ) : (
              <ToneTag tone='grey'>待上传</ToneTag>
            )}
          </View>
        ))}
      </Section>

      <Section title='扫码结果' id='scan-results'>
        {outcomes.length ? (
          outcomes.map((o) => (
            <View key={`${o.scanId}-${o.ok}`} className='tq-list-item tq-row tq-scan__item' id={`scan-result-${o.scanId}`}>
              <View className='tq-grow'>
                <Text className='tq-scan__item-title'>{`${o.kind === 'in' ? '签到' : '签退'} · ${tail(o.personCode)}`}</Text>
                <Text className='tq-list-item__meta'>{`扫码时间 ${formatTime(o.scannedAt)}`}</Text>
                <Text className={o.ok ? 'tq-scan__item-ok' : 'tq-scan__item-error'}>{o.message}</Text>
              </View>
            </View>
          ))
        ) : (
          <Text className='tq-muted'>上传后在这里显示每条扫码的结果。</Text>
        )}
      </Section>
    </>
  )
}

export default function ScanPage() {
  const { id } = usePageParams('id')
  return (
    <PageShell id='page-cadre-scan' title='扫码签到' subtitle='扫描青年出示的个人签到码'>
      <RequireRole roles={['cadre', 'admin']}>{id ? <ScanStation id={id} /> : <Notice>没有找到这个活动。</Notice>}</RequireRole>
    </PageShell>
  )
}
