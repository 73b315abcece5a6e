import { useCallback, useState, type ReactNode } from 'react'
import { useShareAppMessage } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import type { ParticipationViewT } from '../../../types/contract/activities'
import { ACTIVITY_KIND_LABEL, CHECK_IN_MODE_LABEL, FLAG_LABEL } from '../../../types/enums'
import { PageShell, Section } from '../../components/page-shell'
import { Notice } from '../../components/notice'
import { ToneTag } from '../../components/tone-tag'
import { useConfirm } from '../../components/confirm'
import { LoadState } from '../../components/load-state'
import { usePageLoad, useShownAgain } from '../../hooks/use-page-load'
import { usePageParams, useNow } from '../../hooks/use-page-params'
import { useSession } from '../../hooks/use-session'
import { toApiError, type ApiError } from '../../services/api'
import { activitiesApi } from '../../services/api/activities'
import { activityStatusLabel, canCancelSignUp, distanceText, nextStep, participationLabel } from '../../utils/activity'
import { activityTemplateIds, canOpenMap, openMap, requestSubscribe } from '../../utils/platform'
import { ROUTES, go, relaunch, withQuery } from '../../utils/routes'
import { formatDateTime, formatMinutes, formatRange, formatShortDateTime, formatTime } from '../../utils/time'
import './index.scss'

/** Errors that mean "register first": the entry page knows the way (privacy → profile). */
const NEEDS_REGISTRATION = new Set(['USER.NOT_REGISTERED', 'USER.PRIVACY_NOT_ACCEPTED', 'SIGNUP.REAL_NAME_REQUIRED'])

function InfoRow({ k, children, id }: { k: string; children: ReactNode; id?: string }) {
  return (
    <View className='tq-activity__info-row'>
      <Text className='tq-activity__info-key'>{k}</Text>
      <View className='tq-activity__info-value' id={id}>
        {children}
      </View>
    </View>
  )
}

function Mine({ mine }: { mine: ParticipationViewT }) {
  const label = participationLabel(mine)
  return (
    <Section title='我的报名' id='activity-mine'>
      <View className='tq-row'>
        <ToneTag tone={label.tone} solid id='activity-mine-status'>
          {label.text}
        </ToneTag>
      </View>
      <View className='tq-activity__mine-lines'>
        <Text className='tq-list-item__meta'>{`报名时间：${formatDateTime(mine.signedAt)}`}</Text>
        {mine.checkInAt ? <Text className='tq-list-item__meta'>{`签到：${formatTime(mine.checkInAt)}`}</Text> : null}
        {mine.checkOutAt ? <Text className='tq-list-item__meta'>{`签退：${formatTime(mine.checkOutAt)}`}</Text> : null}
        {mine.minutes !== null && mine.review !== 'approved' ? (
          <Text className='tq-list-item__meta'>{`按签到签退计算：${formatMinutes(mine.minutes)}`}</Text>
        ) : null}
        {mine.rejectReason ? <Text className='tq-list-item__meta'>{`未通过原因：${mine.rejectReason}`}</Text> : null}
      </View>
      {mine.flags.length ? (
        <Notice kind='info' id='activity-mine-flags'>
          {`${mine.flags.map((f) => FLAG_LABEL[f]).join('、')}，将由组织者核实。`}
        </Notice>
      ) : null}
    </Section>
  )
}

export default function ActivityPage() {
  const { id } = usePageParams('id')
  const { me } = useSession()
  const now = useNow()
  const { dialog, ask } = useConfirm()
  const fetchActivity = useCallback(() => activitiesApi.getActivity({ activityId: id }), [id])
  const page = usePageLoad(id ? fetchActivity : null, 'activity.getActivity')
  const activity = page.data?.activity ?? null
  const mine = page.data?.mine ?? null
  const setMine = (next: ParticipationViewT) => page.setData((d) => (d ? { ...d, mine: next } : d))
  const load = page.reload
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)

  // Back from the check-in page: show the new state.
  useShownAgain(() => {
    if (page.data) void load()
  })

  useShareAppMessage(() => ({
    title: activity ? `${activity.title}｜${formatRange(activity.startAt, activity.endAt)}` : '团青通活动',
    path: withQuery(ROUTES.activity, { id }),
  }))

  const signUp = async () => {
    if (!activity) return
    setError(null)
    setDone('')
    // WeChat only shows its subscription prompt straight after a tap: ask before anything else.
    const subscribed = await requestSubscribe(activityTemplateIds())
    setBusy(true)
    try {
      const { participation } = await activitiesApi.signUp({ activityId: activity.id, subscribed })
      setMine(participation)
      if (participation.status === 'waitlisted') {
        setDone(
          `名额已满，您是候补第${participation.waitlistPosition ?? '?'}位。有人取消时将按顺序自动递补${subscribed ? '，并通知您' : '，请留意活动页面'}。`,
        )
      } else {
        setDone(subscribed ? '报名成功！活动开始前会提醒您。' : '报名成功！请按时参加。')
      }
      void load()
    } catch (e) {
      const err = toApiError(e, 'activity.signUp')
      if (err.code === 'SIGNUP.ALREADY') {
        // Signed up already (perhaps the first reply was lost): show where they stand, not an error.
        setDone(err.message)
        void load()
      } else setError(err)
    } finally {
      setBusy(false)
    }
  }

  const cancel = async () => {
    if (!activity || !mine) return
    const waiting = mine.status === 'waitlisted'
    const ok = await ask({
      title: waiting ? '取消候补' : '取消报名',
      content: waiting ? '取消后将失去候补位置，确定吗？' : '取消后名额会让给候补的青年，确定取消报名吗？',
      confirmText: '确定取消',
    })
    if (!ok) return
    setError(null)
    setDone('')
    setBusy(true)
    try {
      const { participation } = await activitiesApi.cancelSignUp({ activityId: activity.id })
      setMine(participation)
      setDone(waiting ? '已取消候补。' : '已取消报名。')
      void load()
    } catch (e) {
      setError(toApiError(e, 'activity.cancelSignUp'))
    } finally {
      setBusy(false)
    }
  }

  if (!id) {
    return (
      <PageShell id='page-activity' title='活动详情'>
        <Notice>没有找到这个活动。</Notice>
      </PageShell>
    )
  }

  if (!activity) {
    return (
      <PageShell id='page-activity'>
        <LoadState
          state={page}
          errorId='activity-load-error'
          retryId='activity-retry'
          action={
            page.error && NEEDS_REGISTRATION.has(page.error.code) ? (
              <Button id='activity-register' className='tq-button' type='primary' size='large' block onClick={() => relaunch(ROUTES.index)}>
                去登记青年档案
              </Button>
            ) : undefined
          }
        />
      </PageShell>
    )
  }

  const a = activity
  const step = nextStep(a, mine, now)
  const cancellable = canCancelSignUp(a, mine, now)
  const active = mine && mine.status !== 'cancelled' ? mine : null
  const status = activityStatusLabel(a.status)
  const distance = distanceText(a.distance)

  return (
    <PageShell id='page-activity'>
      {a.coverUrl ? <Image id='activity-cover' className='tq-activity__cover' src={a.coverUrl} mode='aspectFill' /> : null}
      <View className='tq-activity__head'>
        <View className='tq-row'>
          <ToneTag tone='blue'>{ACTIVITY_KIND_LABEL[a.kind]}</ToneTag>
          {a.status !== 'published' ? <ToneTag tone={status.tone}>{status.text}</ToneTag> : null}
        </View>
        <Text className='tq-activity__title' id='activity-title'>
          {a.title}
        </Text>
        <Text className='tq-activity__org'>{a.orgName}</Text>
      </View>

      {a.status === 'cancelled' ? <Notice id='activity-cancelled'>{`活动已取消${a.cancelReason ? `：${a.cancelReason}` : '。'}`}</Notice> : null}

      {mine ? <Mine mine={mine} /> : null}

      <Notice id='activity-error'>{error?.message}</Notice>
      {error?.code === 'SIGNUP.REAL_NAME_REQUIRED' && me?.profile ? (
        // Registered, but without an ID number: the profile page takes it, then back here to sign up.
        <Button id='activity-add-id' className='tq-button' type='primary' fill='outline' block onClick={() => go(ROUTES.profile)}>
          去填写身份证号
        </Button>
      ) : error && NEEDS_REGISTRATION.has(error.code) ? (
        <Button id='activity-register' className='tq-button' type='primary' fill='outline' block onClick={() => relaunch(ROUTES.index)}>
          去登记青年档案
        </Button>
      ) : null}
      <Notice kind='success' id='activity-done'>
        {done}
      </Notice>

      <View className='tq-actions tq-activity__actions'>
        {step === 'signUp' || step === 'waitlist' ? (
          <Button id='activity-signup' className='tq-button' type='primary' size='large' block loading={busy} onClick={() => void signUp()}>
            {step === 'waitlist' ? '名额已满，报名候补' : '报名'}
          </Button>
        ) : null}
        {step === 'full' ? (
          <Button id='activity-full' className='tq-button' size='large' block disabled>
            名额已满
          </Button>
        ) : null}
        {step === 'checkIn' || step === 'walkIn' ? (
          <Button id='activity-checkin' className='tq-button' type='primary' size='large' block onClick={() => go(ROUTES.checkin, { id: a.id, mode: 'in' })}>
            {step === 'walkIn' ? '现场参加，去签到' : '去签到'}
          </Button>
        ) : null}
        {step === 'checkOut' ? (
          <Button id='activity-checkout' className='tq-button' type='primary' size='large' block onClick={() => go(ROUTES.checkin, { id: a.id, mode: 'out' })}>
            去签退
          </Button>
        ) : null}
        {active?.status === 'signed' && a.checkInModes.includes('scan') && !active.checkOutAt && a.status !== 'cancelled' && now <= a.checkOutClosesAt ? (
          <Button id='activity-my-code' className='tq-button' size='large' block onClick={() => go(ROUTES.myCode)}>
            出示我的签到码
          </Button>
        ) : null}
        {cancellable ? (
          <Button id='activity-cancel' className='tq-button' size='large' block disabled={busy} onClick={() => void cancel()}>
            {mine?.status === 'waitlisted' ? '取消候补' : '取消报名'}
          </Button>
        ) : null}
      </View>

      <Section title='活动信息' id='activity-info'>
        <InfoRow k='时间' id='activity-time'>
          <Text>{formatRange(a.startAt, a.endAt, now)}</Text>
        </InfoRow>
        <InfoRow k='地点' id='activity-place'>
          <Text>{a.place.name}</Text>
          {distance ? <Text className='tq-muted'>{` · 距您${distance}`}</Text> : null}
          {canOpenMap() ? (
            <Text className='tq-activity__link' onClick={() => openMap(a.place)}>
              {' 查看地图 ›'}
            </Text>
          ) : null}
        </InfoRow>
        <InfoRow k='报名' id='activity-signup-window'>
          <Text>{`${formatShortDateTime(a.signUpStartAt, now)} 至 ${formatShortDateTime(a.signUpEndAt, now)}`}</Text>
        </InfoRow>
        <InfoRow k='签到' id='activity-windows'>
          <Text>{`${formatTime(a.checkInOpensAt)}–${formatTime(a.checkInClosesAt)} 签到，${formatTime(a.checkOutClosesAt)} 前签退`}</Text>
        </InfoRow>
        <InfoRow k='方式' id='activity-modes'>
          <Text>{a.checkInModes.map((m) => CHECK_IN_MODE_LABEL[m]).join('、')}</Text>
        </InfoRow>
        <InfoRow k='名额' id='activity-quota'>
          <Text>{`已报名 ${a.signed}/${a.capacity}`}</Text>
          {a.waitlisted ? <Text className='tq-activity__waitlist'>{` · 候补 ${a.waitlisted} 人`}</Text> : null}
          {!a.waitlist ? <Text className='tq-muted'>{' · 不设候补'}</Text> : null}
        </InfoRow>
        <InfoRow k='益币' id='activity-points'>
          <Text>{a.pointsPerHour ? `每小时 ${a.pointsPerHour} 益币（审核通过后发放）` : '本活动不发放益币'}</Text>
        </InfoRow>
        <InfoRow k='要求'>
          <Text>
            {[
              a.audience.type === 'org' ? `仅限${a.orgName}的青年` : '面向所有青年',
              a.realNameRequired ? '须实名登记' : '',
              a.walkIn ? '可现场参加' : '',
              `在场不少于活动时长的${a.minAttendancePercent}%方可计时长`,
            ]
              .filter(Boolean)
              .join('；')}
          </Text>
        </InfoRow>
      </Section>

      <Section title='活动介绍' id='activity-description'>
        <Text className='tq-activity__description' userSelect>
          {a.description}
        </Text>
      </Section>

      {a.canManage ? (
        <Section title='组织者' id='activity-manage'>
          <View className='tq-activity__manage'>
            <Button id='activity-manage-edit' className='tq-button' block onClick={() => go(ROUTES.cadreActivityEdit, { id: a.id })}>
              编辑活动
            </Button>
            <Button id='activity-manage-board' className='tq-button' type='primary' block onClick={() => go(ROUTES.cadreBoard, { id: a.id })}>
              签到看板
            </Button>
            <Button id='activity-manage-scan' className='tq-button' block onClick={() => go(ROUTES.cadreScan, { id: a.id })}>
              扫码签到
            </Button>
            <Button id='activity-manage-review' className='tq-button' block onClick={() => go(ROUTES.cadreReview, { orgId: a.orgId, orgName: a.orgName, activityId: a.id })}>
              审核时长
            </Button>
          </View>
        </Section>
      ) : null}
      {dialog}
    </PageShell>
  )
}

