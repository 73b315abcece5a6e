import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { ParticipationViewT } from '../../../../../types/contract/activities'
import { CHECK_IN_MODE_LABEL, FLAG_LABEL } from '../../../../../types/enums'
import { PageShell, Section } from '../../../../components/page-shell'
import { Notice } from '../../../../components/notice'
import { LoadState } from '../../../../components/load-state'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { usePageParams } from '../../../../hooks/use-page-params'
import { toApiError } from '../../../../services/api'
import { activitiesApi } from '../../../../services/api/activities'
import { codeFromScan } from '../../../../utils/activity'
import { canScan, locate, scan } from '../../../../utils/platform'
import { ROUTES, back, go } from '../../../../utils/routes'
import { formatMinutes, formatTime } from '../../../../utils/time'
import './index.scss'

type Mode = 'in' | 'out'

const LOCATION_DENIED = '没有获得位置权限，无法定位签到。请点右上角「···」→「设置」，允许使用位置信息后再试；也可以改用扫码签到。'
const LOCATION_UNAVAILABLE = '暂时无法获取您的位置。请打开手机的定位（GPS），到空旷处再试；也可以改用扫码签到。'

function Result({ mode, p }: { mode: Mode; p: ParticipationViewT }) {
  const at = mode === 'in' ? p.checkInAt : p.checkOutAt
  return (
    <Section id='checkin-result'>
      <View className='tq-checkin__result'>
        <View className='tq-checkin__tick'>✓</View>
        <Text className='tq-checkin__result-title' id='checkin-result-title'>
          {mode === 'in' ? '签到成功' : '签退成功'}
        </Text>
        {at ? (
          <Text className='tq-checkin__result-time' id='checkin-result-time'>
            {formatTime(at)}
          </Text>
        ) : null}
        {p.checkInMethod ? <Text className='tq-muted'>{`方式：${CHECK_IN_MODE_LABEL[p.checkInMethod]}（时间以服务器为准）`}</Text> : null}
        {mode === 'out' && p.minutes !== null ? (
          <Text className='tq-checkin__result-line' id='checkin-result-minutes'>
            {p.minutes > 0 ? `本次记录 ${formatMinutes(p.minutes)}，审核通过后计入志愿时长。` : '本次在场时间不足，暂不计时长，组织者会核实。'}
          </Text>
        ) : null}
        {p.flags.length ? (
          <View className='tq-checkin__flags' id='checkin-result-flags'>
            <Notice kind='info'>
              {`${p.flags.map((f) => FLAG_LABEL[f]).join('、')}。已如实记录，将由组织者审核确认，不影响您参加活动。`}
            </Notice>
          </View>
        ) : null}
      </View>
    </Section>
  )
}

export default function CheckinPage() {
  const params = usePageParams('id', 'mode')
  const id = params.id
  const mode: Mode = params.mode === 'out' ? 'out' : 'in'
  const verb = mode === 'in' ? '签到' : '签退'
  const fetchActivity = useCallback(() => activitiesApi.getActivity({ activityId: id }), [id])
  const page = usePageLoad(id ? fetchActivity : null, 'activity.getActivity')
  const activity = page.data?.activity ?? null
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState<'' | 'code' | 'geo'>('')
  const [error, setError] = useState('')
  const [result, setResult] = useState<ParticipationViewT | null>(null)

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: mode === 'in' ? '活动签到' : '活动签退' }).catch(() => undefined)
  }, [mode])

  const send = async (how: 'code' | 'geo', payload: { code?: string; location?: { lat: number; lng: number; accuracy: number } }) => {
    setBusy(how)
    setError('')
    try {
      const input = { activityId: id, ...payload }
      const res = mode === 'in' ? await activitiesApi.checkIn(input) : await activitiesApi.checkOut(input)
      setResult(res.participation)
      void Taro.vibrateShort({ type: 'medium' }).catch(() => undefined)
    } catch (e) {
      const err = toApiError(e, `activity.${mode === 'in' ? 'checkIn' : 'checkOut'}`)
      // Already recorded (say the first reply was lost on a weak signal): show the record itself.
      const recorded = err.code === (mode === 'in' ? 'CHECKIN.ALREADY' : 'CHECKIN.ALREADY_OUT') ? await recordedMark() : null
      if (recorded) setResult(recorded)
      else setError(err.message)
    } finally {
      setBusy('')
    }
  }

  /** My participation when it already holds this mark, else null. */
  const recordedMark = async (): Promise<ParticipationViewT | null> => {
    try {
      const { mine } = await activitiesApi.getActivity({ activityId: id })
      return mine && (mode === 'in' ? mine.checkInAt : mine.checkOutAt) ? mine : null
    } catch {
      return null
    }
  }

  const scanAndSend = async () => {
    setError('')
    const answer = await scan()
    if (!answer.ok) {
      if (!answer.cancelled) setError('没有识别到二维码，请对准现场的签到二维码再试。')
      return
    }
    await send('code', { code: codeFromScan(answer.text) })
  }

  const typeAndSend = async () => {
    const c = codeFromScan(code)
    if (!c) {
      setError('请输入大屏上二维码旁的6位数字。')
      return
    }
    await send('code', { code: c })
  }

  const locateAndSend = async () => {
    setError('')
    setBusy('geo')
    const answer = await locate()
    if (!answer.ok) {
      setBusy('')
      setError(answer.reason === 'denied' ? LOCATION_DENIED : LOCATION_UNAVAILABLE)
      return
    }
    await send('geo', { location: answer.reading })
  }

  if (!id) {
    return (
      <PageShell id='page-checkin' title={`活动${verb}`}>
        <Notice>没有找到这个活动。</Notice>
      </PageShell>
    )
  }

  if (!activity) {
    return (
      <PageShell id='page-checkin' title={`活动${verb}`}>
        <LoadState state={page} errorId='checkin-load-error' retryId='checkin-retry' />
      </PageShell>
    )
  }

  const modes = activity.checkInModes
  return (
    <PageShell id='page-checkin' title={`活动${verb}`} subtitle={activity.title}>
      {result ? (
        <>
          <Result mode={mode} p={result} />
          <View className='tq-actions'>
            <Button id='checkin-back' className='tq-button' type='primary' size='large' block onClick={() => back(ROUTES.activities)}>
              返回活动
            </Button>
          </View>
        </>
      ) : (
        <>
          <Notice id='checkin-error'>{error}</Notice>
          {modes.includes('code') ? (
            <Section title={`扫码${verb}`} id='checkin-by-code'>
              <Text className='tq-muted tq-checkin__hint'>请扫描组织者手机或现场大屏上的签到二维码（每30秒更换一次）。</Text>
              {canScan() ? (
                <Button id='checkin-scan' className='tq-button' type='primary' size='large' block loading={busy === 'code'} onClick={() => void scanAndSend()}>
                  {`扫码${verb}`}
                </Button>
              ) : null}
              <View className='tq-checkin__type'>
                <Text className='tq-muted tq-checkin__hint'>扫不了码时，输入大屏上二维码旁的6位数字：</Text>
                <Input
                  id='checkin-code-input'
                  className='tq-input tq-checkin__digits'
                  value={code}
                  type={canScan() ? 'number' : 'text'}
                  placeholder={canScan() ? '6位数字' : '6位数字，或粘贴现场的签到码'}
                  maxLength={canScan() ? 6 : 200}
                  onChange={setCode}
                  onConfirm={() => void typeAndSend()}
                />
                <Button id='checkin-code-submit' className='tq-button' type={canScan() ? 'default' : 'primary'} size='large' block loading={busy === 'code'} onClick={() => void typeAndSend()}>
                  {`提交数字${verb}`}
                </Button>
              </View>
            </Section>
          ) : null}
          {modes.includes('geo') ? (
            <Section title={`定位${verb}`} id='checkin-by-geo'>
              <Text className='tq-muted tq-checkin__hint'>{`在活动地点「${activity.place.name}」${activity.place.radius}米范围内即可${verb}。`}</Text>
              <Button
                id='checkin-locate'
                className='tq-button'
                type={modes.includes('code') ? 'default' : 'primary'}
                size='large'
                block
                loading={busy === 'geo'}
                onClick={() => void locateAndSend()}
              >
                {`定位${verb}`}
              </Button>
            </Section>
          ) : null}
          {modes.includes('scan') ? (
            <Section title='请组织者扫码' id='checkin-by-scan'>
              <Text className='tq-muted tq-checkin__hint'>手机没信号、扫不了码时，可以出示您的个人签到码，由组织者扫码，联网后自动上传。</Text>
              <Button id='checkin-my-code' className='tq-button' size='large' block onClick={() => go(ROUTES.myCode)}>
                出示我的签到码
              </Button>
            </Section>
          ) : null}
        </>
      )}
    </PageShell>
  )
}
