import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { OutputOf } from '../../../../../types/contract/common'
import type { StationContract } from '../../../../../types/contract/station'
import type { ErrorCode } from '../../../../../types/errors'
import { PageShell } from '../../../../components/page-shell'
import { Notice } from '../../../../components/notice'
import { QrCode } from '../../../../components/qr-code'
import { usePageParams } from '../../../../hooks/use-page-params'
import { toApiError } from '../../../../services/api'
import { stationApi } from '../../../../services/api/station'
import { keepScreenOn } from '../../../../utils/platform'
import './index.scss'

type Door = OutputOf<StationContract, 'doorCode'>

const STEP_SECONDS = 30
const RETRY_MS = 5000
/** Asked again this long before the code expires, so the next one is on screen in time. */
const AHEAD_MS = 1500
/**
 * Answers that waiting will not change (no right to show the code here, no such station): the page
 * stops asking and says so, with 重试 for after the cadre has fixed it.
 */
const FINAL = new Set<ErrorCode>(['AUTH.FORBIDDEN', 'VENUE.CLOSED', 'STATION.NOT_FOUND', 'STATION.NOT_STATION', 'STATION.NOT_POSTED', 'GENERIC.BAD_INPUT'])

/**
 * When to ask for the next code. The phone's clock may be off the server's: the wait is kept within
 * one step either way, so a slow clock shows an old code for at most one step and a fast one does not
 * ask in a tight loop.
 */
function nextAskIn(expiresAt: number, now: number): number {
  return Math.min(STEP_SECONDS * 1000, Math.max(2000, expiresAt - now - AHEAD_MS))
}

function DoorView({ venueId }: { venueId: string }) {
  const [door, setDoor] = useState<Door | null>(null)
  const [error, setError] = useState<{ text: string; final: boolean } | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const alive = useRef(true)

  const refresh = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    let wait = RETRY_MS
    try {
      const d = await stationApi.doorCode({ venueId })
      if (!alive.current) return
      setDoor(d)
      setError(null)
      setNow(Date.now())
      wait = nextAskIn(d.expiresAt, Date.now())
    } catch (e) {
      if (!alive.current) return
      const err = toApiError(e, 'station.doorCode')
      const final = FINAL.has(err.code)
      setError({ text: err.message, final })
      if (final) {
        setDoor(null)
        return
      }
    }
    timer.current = setTimeout(() => void refresh(), wait)
  }, [venueId])

  useEffect(() => {
    alive.current = true
    void refresh()
    const tick = setInterval(() => setNow(Date.now()), 1000)
    keepScreenOn(true)
    return () => {
      alive.current = false
      if (timer.current) clearTimeout(timer.current)
      clearInterval(tick)
      keepScreenOn(false)
    }
  }, [refresh])
  useDidShow(() => keepScreenOn(true))
  useDidHide(() => keepScreenOn(false))

  const secondsLeft = door ? Math.min(STEP_SECONDS, Math.max(0, Math.ceil((door.expiresAt - now) / 1000))) : 0

  if (error?.final) {
    return (
      <View id='door-refused'>
        <Notice id='door-error'>{error.text}</Notice>
        <Button id='door-retry' className='tq-button' size='large' block onClick={() => void refresh()}>
          重试
        </Button>
      </View>
    )
  }

  return (
    <>
      <Notice id='door-error'>{error ? `${error.text}（每5秒自动重试）` : ''}</Notice>
      <View className='tq-door__card' id='door-code'>
        {door ? (
          <>
            <Text className='tq-door__venue' id='door-venue'>
              {door.venueName}
            </Text>
            <Text className='tq-door__title'>团代表进站签到</Text>
            <QrCode id='door-qr' value={door.code} size={300} />
            <Text className='tq-muted'>扫不了码？在「进站签到」选择本站，输入这6位数字：</Text>
            <Text className='tq-door__short' id='door-short-code' userSelect>
              {`${door.shortCode.slice(0, 3)} ${door.shortCode.slice(3)}`}
            </Text>
            <View className='tq-door__countdown'>
              <View className='tq-door__bar'>
                <View className='tq-door__bar-fill' style={{ width: `${(secondsLeft / STEP_SECONDS) * 100}%` }} />
              </View>
              <Text className='tq-door__seconds' id='door-countdown'>{`${secondsLeft} 秒后更换`}</Text>
            </View>
            <Text className='tq-muted tq-door__tip'>团代表、委员请打开团青通「我的履职」→「进站签到」→「扫门口的码」。本屏幕保持常亮，请放在门口。</Text>
          </>
        ) : (
          <Text className='tq-muted'>正在加载进站码…</Text>
        )}
      </View>
    </>
  )
}

export default function DoorPage() {
  const { venueId } = usePageParams('venueId')
  return (
    <PageShell id='page-station-door'>{venueId ? <DoorView venueId={venueId} /> : <Notice>没有找到这个联络站。</Notice>}</PageShell>
  )
}
