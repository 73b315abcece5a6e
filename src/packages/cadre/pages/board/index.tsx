import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { ActivityViewT } from '../../../../../types/contract/activities'
import type { ManageContract } from '../../../../../types/contract/manage'
import type { OutputOf } from '../../../../../types/contract/common'
import { PageShell, Section } from '../../../../components/page-shell'
import { Notice } from '../../../../components/notice'
import { RequireRole } from '../../../../components/require-role'
import { QrCode } from '../../../../components/qr-code'
import { usePageParams } from '../../../../hooks/use-page-params'
import { toApiError } from '../../../../services/api'
import { activitiesApi } from '../../../../services/api/activities'
import { manageApi } from '../../../../services/api/manage'
import { keepScreenOn } from '../../../../utils/platform'
import { ROUTES, go } from '../../../../utils/routes'
import { formatTime } from '../../../../utils/time'
import './index.scss'

type Board = OutputOf<ManageContract, 'attendanceBoard'>

/** How often the counts (and the code) are fetched. */
const BOARD_POLL_MS = 5000
const STEP_SECONDS = 30

const COUNTS: { key: keyof Board['counts']; label: string }[] = [
  { key: 'signed', label: '已报名' },
  { key: 'waitlisted', label: '候补' },
  { key: 'checkedIn', label: '已签到' },
  { key: 'checkedOut', label: '已签退' },
  { key: 'flagged', label: '待核查' },
]

function BoardView({ id }: { id: string }) {
  const [activity, setActivity] = useState<ActivityViewT | null>(null)
  const [board, setBoard] = useState<Board | null>(null)
  const [error, setError] = useState('')
  const [now, setNow] = useState(() => Date.now())
  /** Server time minus this phone's time, from the last answer: the countdown follows the server's clock. */
  const skew = useRef(0)
  const inflight = useRef(false)

  const refresh = useCallback(async () => {
    if (inflight.current) return
    inflight.current = true
    try {
      const asked = Date.now()
      const b = await manageApi.attendanceBoard({ activityId: id })
      const answered = Date.now()
      skew.current = b.serverTime - Math.round((asked + answered) / 2)
      setBoard(b)
      setNow(answered)
      setError('')
    } catch (e) {
      setError(toApiError(e, 'activity.attendanceBoard').message)
    } finally {
      inflight.current = false
    }
  }, [id])

  useEffect(() => {
    activitiesApi
      .getActivity({ activityId: id })
      .then((res) => setActivity(res.activity))
      .catch(() => undefined) // the board itself says what is wrong
    void refresh()
    const poll = setInterval(() => void refresh(), BOARD_POLL_MS)
    const tick = setInterval(() => setNow(Date.now()), 1000)
    keepScreenOn(true)
    return () => {
      clearInterval(poll)
      clearInterval(tick)
      keepScreenOn(false)
    }
  }, [id, refresh])
  useDidShow(() => keepScreenOn(true))
  useDidHide(() => keepScreenOn(false))

  const code = board?.code ?? null
  const secondsLeft = code ? Math.max(0, Math.ceil((code.expiresAt - (now + skew.current)) / 1000)) : 0

  // The code expired between two polls: fetch the next one at once.
  useEffect(() => {
    if (code && secondsLeft <= 0) void refresh()
  }, [code, secondsLeft, refresh])

  return (
    <>
      {activity ? (
        <View className='tq-board__head'>
          <Text className='tq-board__title' id='board-title'>
            {activity.title}
          </Text>
          <Text className='tq-muted'>{`签到 ${formatTime(activity.checkInOpensAt)}–${formatTime(activity.checkInClosesAt)}，签退截止 ${formatTime(activity.checkOutClosesAt)}`}</Text>
        </View>
      ) : null}
      <Notice id='board-error'>{error ? `${error}（每5秒自动重试）` : ''}</Notice>

      <View className='tq-board__code-card' id='board-code'>
        {code ? (
          <>
            <QrCode id='board-qr' value={code.value} size={280} />
            <Text className='tq-muted'>扫不了码？输入这6位数字：</Text>
            <Text className='tq-board__short' id='board-short-code' userSelect>
              {`${code.short.slice(0, 3)} ${code.short.slice(3)}`}
            </Text>
            <View className='tq-board__countdown'>
              <View className='tq-board__bar'>
                <View className='tq-board__bar-fill' style={{ width: `${Math.min(100, (secondsLeft / STEP_SECONDS) * 100)}%` }} />
              </View>
              <Text className='tq-board__seconds' id='board-countdown'>{`${secondsLeft} 秒后更换`}</Text>
            </View>
            <Text className='tq-muted tq-board__tip'>请青年打开团青通「活动」→ 活动详情 →「去签到」扫码；手机扫不了时，在同一页输入上面的6位数字。</Text>
          </>
        ) : board ? (
          <Notice kind='info' id='board-closed'>
            {activity
              ? `现在不在签到时间内。签到时间：${formatTime(activity.checkInOpensAt)}–${formatTime(activity.checkInClosesAt)}；签退截止 ${formatTime(activity.checkOutClosesAt)}。`
              : '现在不在签到时间内。'}
          </Notice>
        ) : (
          <Text className='tq-muted'>正在加载签到码…</Text>
        )}
      </View>

      <Section title='实时人数' id='board-counts' extra={<Text className='tq-muted'>每5秒更新</Text>}>
        <View className='tq-board__counts'>
          {COUNTS.map((c) => (
            <View key={c.key} className={`tq-board__count${c.key === 'flagged' && board?.counts.flagged ? ' tq-board__count--alert' : ''}`}>
              <Text className='tq-board__count-value' id={`board-count-${c.key}`}>
                {board ? String(board.counts[c.key]) : '—'}
              </Text>
              <Text className='tq-board__count-label'>{c.label}</Text>
            </View>
          ))}
        </View>
      </Section>

      <View className='tq-actions'>
        <Button id='board-scan' className='tq-button' type='primary' size='large' block onClick={() => go(ROUTES.cadreScan, { id })}>
          扫青年签到码
        </Button>
        {activity ? (
          <Button id='board-review' className='tq-button' size='large' block onClick={() => go(ROUTES.cadreReview, { orgId: activity.orgId, orgName: activity.orgName, activityId: id })}>
            审核这次活动的时长
          </Button>
        ) : null}
      </View>
    </>
  )
}

export default function BoardPage() {
  const { id } = usePageParams('id')
  return (
    <PageShell id='page-cadre-board'>
      <RequireRole roles={['cadre', 'admin']}>{id ? <BoardView id={id} /> : <Notice>没有找到这个活动。</Notice>}</RequireRole>
    </PageShell>
  )
}
