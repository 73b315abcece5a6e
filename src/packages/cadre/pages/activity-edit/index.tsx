import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { ActivityViewT } from '../../../../../types/contract/activities'
import { CreateActivityInput, UpdateActivityInput } from '../../../../../types/contract/manage'
import { ACTIVITY_KIND_LABEL, CHECK_IN_MODE_LABEL } from '../../../../../types/enums'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { LoadState } from '../../../../components/load-state'
import { OrgPicker } from '../../../../components/org-picker'
import { RequireRole } from '../../../../components/require-role'
import { MultiChoice, SingleChoice, choicesOf } from '../../../../components/choice-group'
import { useConfirm } from '../../../../components/confirm'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { usePageParams } from '../../../../hooks/use-page-params'
import { useSession } from '../../../../hooks/use-session'
import { useScopeOrg } from '../../../../hooks/use-scope-org'
import { toApiError } from '../../../../services/api'
import { activitiesApi } from '../../../../services/api/activities'
import { manageApi } from '../../../../services/api/manage'
import { issueFields, type FieldErrors } from '../../../../utils/form'
import { canChooseLocation, choosePlace } from '../../../../utils/platform'
import { ROUTES, go, replace } from '../../../../utils/routes'
import { DateTimeField } from '../../components/date-time-field'
import { CoverField } from './cover-field'
import { GroupField } from './group-field'
import { FIELD_OF_CODE, createPayload, draftFromActivity, newDraft, updatePayloadFrom, type ActivityDraft } from './draft'
import './index.scss'

const KINDS = choicesOf(ACTIVITY_KIND_LABEL)
const MODES = choicesOf(CHECK_IN_MODE_LABEL)
const AUDIENCES = [
  { value: 'everyone' as const, label: '所有青年' },
  { value: 'org' as const, label: '仅本组织及下级组织' },
  { value: 'group' as const, label: '社群成员' },
]

type Busy = '' | 'save' | 'publish' | 'cancel'

function Editor() {
  const params = usePageParams('id', 'orgId', 'orgName')
  const { roots } = useScopeOrg('cadre', 'admin')
  const { me } = useSession()
  const { dialog, ask } = useConfirm()
  const [activity, setActivity] = useState<ActivityViewT | null>(null)
  const [activityId, setActivityId] = useState(params.id)
  const [draft, setDraft] = useState<ActivityDraft>(() => newDraft(params.orgId ? { id: params.orgId, name: params.orgName || '所选组织' } : null))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)
  const [busy, setBusy] = useState<Busy>('')
  const [reason, setReason] = useState('')
  const [uploading, setUploading] = useState(false)

  const fetchActivity = useCallback(() => activitiesApi.getActivity({ activityId: params.id }), [params.id])
  const page = usePageLoad(params.id ? fetchActivity : null, 'activity.getActivity')
  // The saved activity fills the form once; later saves keep their own answer.
  useEffect(() => {
    if (!page.data) return
    setActivity(page.data.activity)
    setDraft(draftFromActivity(page.data.activity))
  }, [page.data])

  // A new activity belongs to the cadre's first org unless the list page said otherwise.
  useEffect(() => {
    if (!draft.org && roots.length) setDraft((d) => ({ ...d, org: roots[0] }))
  }, [draft.org, roots])

  const status = activity?.status ?? 'draft'
  const isNew = !activityId

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: isNew ? '新建活动' : '编辑活动' }).catch(() => undefined)
  }, [isNew])

  const set = <K extends keyof ActivityDraft>(key: K, value: ActivityDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setErrors((e) => {
      const fieldKeys: Record<string, string[]> = {
        placeName: ['place.name'],
        lat: ['place.lat', 'place'],
        lng: ['place.lng', 'place'],
        radius: ['place.radius'],
        org: ['orgId'],
        startAt: ['startAt', 'schedule'],
        endAt: ['endAt', 'schedule'],
        signUpStartAt: ['signUpStartAt', 'schedule'],
        signUpEndAt: ['signUpEndAt', 'schedule'],
        group: ['audience'],
      }
      const keys = fieldKeys[key as string] ?? [key as string]
      if (!keys.some((k) => e[k])) return e
      const next = { ...e }
      for (const k of keys) delete next[k]
      return next
    })
  }

  // Stable, for the group field's one look-up of a saved group's name.
  const chooseGroup = useCallback((group: ActivityDraft['group']) => {
    setDraft((d) => ({ ...d, group }))
    setErrors((e) => {
      if (!e.audience) return e
      const { audience: _audience, ...rest } = e
      return rest
    })
  }, [])

  const pickPlace = async () => {
    const place = await choosePlace()
    if (!place) return
    setDraft((d) => ({ ...d, placeName: d.placeName || place.name, lat: place.lat.toFixed(6), lng: place.lng.toFixed(6) }))
    setErrors((e) => {
      const next = { ...e }
      delete next['place.lat']
      delete next['place.lng']
      delete next.place
      return next
    })
  }

  /** Checks the whole form with the shared schema; returns the payload or shows the messages. */
  const validate = (): Record<string, unknown> | null => {
    const parsed = CreateActivityInput.safeParse(createPayload(draft))
    if (parsed.success) return parsed.data as Record<string, unknown>
    const found = issueFields(parsed.error.issues, ['place'])
    if (found.form) {
      found.schedule = found.form
      delete found.form
    }
    if (found['place.lat'] || found['place.lng']) {
      const missing = !draft.lat.trim() || !draft.lng.trim()
      if (missing) found['place.lat'] = canChooseLocation() ? '请点「地图取点」选择活动地点的位置' : '请填写活动地点的纬度和经度'
      else found['place.lat'] = found['place.lat'] ?? found['place.lng']
    }
    if (found.orgId && !draft.org) found.orgId = '请选择主办的团组织'
    if (found.audience && draft.audience === 'group' && !draft.group) found.audience = '请选择哪个社群的成员可以报名'
    setErrors(found)
    setNotice({ kind: 'error', text: '有几项需要修改，请看红色提示。' })
    return null
  }

  const showFailure = (e: unknown, context: string) => {
    const err = toApiError(e, context)
    const found = err.issues ? issueFields(err.issues, ['place']) : {}
    const field = FIELD_OF_CODE[err.code]
    if (field && !found[field]) found[field] = err.message
    setErrors(found)
    setNotice({ kind: 'error', text: err.message })
  }

  /** Creates or updates; returns the saved activity. */
  const persist = async (payload: Record<string, unknown>): Promise<ActivityViewT> => {
    if (!activityId) {
      const res = await manageApi.createActivity(payload as Parameters<typeof manageApi.createActivity>[0])
      setActivityId(res.activity.id)
      setActivity(res.activity)
      return res.activity
    }
    const update = UpdateActivityInput.parse(updatePayloadFrom(activityId, payload, activity?.cover ?? null))
    const res = await manageApi.updateActivity(update)
    setActivity(res.activity)
    return res.activity
  }

  const save = async () => {
    setNotice(null)
    const payload = validate()
    if (!payload) return
    setErrors({})
    setBusy('save')
    try {
      const saved = await persist(payload)
      setNotice({ kind: 'success', text: saved.status === 'draft' ? '草稿已保存。发布后青年才能看到并报名。' : '修改已保存。' })
    } catch (e) {
      showFailure(e, isNew ? 'activity.createActivity' : 'activity.updateActivity')
    } finally {
      setBusy('')
    }
  }

  const publish = async () => {
    setNotice(null)
    const payload = validate()
    if (!payload) return
    setErrors({})
    setBusy('publish')
    try {
      const saved = await persist(payload)
      const { activity: published } = await manageApi.publishActivity({ activityId: saved.id })
      setActivity(published)
      void Taro.showToast({ title: '已发布', icon: 'success' })
      replace(ROUTES.activity, { id: published.id })
    } catch (e) {
      showFailure(e, 'activity.publishActivity')
    } finally {
      setBusy('')
    }
  }

  const cancelActivity = async () => {
    if (!activityId) return
    setNotice(null)
    if (!reason.trim()) {
      setErrors({ cancelReason: '请填写取消原因，会通知已报名的青年' })
      return
    }
    const ok = await ask({ title: '取消活动', content: '取消后不能恢复，已报名的青年会收到通知。确定取消这个活动吗？', confirmText: '确定取消' })
    if (!ok) return
    setBusy('cancel')
    try {
      const res = await manageApi.cancelActivity({ activityId, reason })
      setActivity(res.activity)
      setNotice({ kind: 'success', text: `活动已取消，已通知 ${res.notified} 位报名的青年。` })
    } catch (e) {
      const err = toApiError(e, 'activity.cancelActivity')
      setErrors(err.issues ? { cancelReason: err.issues[0]?.message ?? err.message } : {})
      setNotice({ kind: 'error', text: err.message })
    } finally {
      setBusy('')
    }
  }

  if (params.id && !activity) return <LoadState state={page} errorId='edit-load-error' retryId='edit-retry' />

  if (status === 'cancelled') {
    return (
      <>
        <Notice id='edit-cancelled'>{`活动「${activity?.title ?? ''}」已取消${activity?.cancelReason ? `：${activity.cancelReason}` : '。'}`}</Notice>
        <Notice kind={notice?.kind ?? 'info'} id='edit-notice'>
          {notice?.text}
        </Notice>
        <Button className='tq-button' size='large' block onClick={() => go(ROUTES.cadreActivities)}>
          返回活动管理
        </Button>
      </>
    )
  }

  return (
    <>
      {!isNew ? (
        <Notice kind='info'>{status === 'draft' ? '这是草稿，发布后青年才能看到。' : '活动已发布：修改时间或地点后，请另行告知已报名的青年。'}</Notice>
      ) : null}

      <Section title='基本信息'>
        <Field name='edit-org' label='主办组织' required error={errors.orgId} hint={isNew ? undefined : '主办组织不能修改。'}>
          {isNew ? (
            <OrgPicker
              name='edit-org'
              value={draft.org}
              roots={roots}
              onChange={(o) => {
                set('org', { id: o.id, name: o.name })
                // A group is chosen among the org's own: another org starts the choice again.
                if (o.id !== draft.org?.id) set('group', null)
              }}
              title='选择主办组织'
            />
          ) : (
            <Text className='tq-edit__fixed'>{draft.org?.name}</Text>
          )}
        </Field>
        {isNew ? (
          <Field name='edit-kind' label='活动类型' required error={errors.kind}>
            <SingleChoice name='edit-kind' choices={KINDS} value={draft.kind} onChange={(v) => set('kind', v)} />
          </Field>
        ) : null}
        <Field name='edit-title' label='活动名称' required error={errors.title}>
          <Input id='edit-title-input' className='tq-input' value={draft.title} placeholder='如：周末社区环境整治' maxLength={40} onChange={(v) => set('title', v)} />
        </Field>
        <Field name='edit-description' label='活动介绍' required error={errors.description} hint='写清内容、集合地点、着装和注意事项。'>
          <TextArea
            id='edit-description-input'
            className='tq-edit__textarea'
            value={draft.description}
            placeholder='请填写活动介绍'
            maxLength={2000}
            showCount
            onChange={(v) => set('description', v)}
          />
        </Field>
        <CoverField
          userId={me?.profile?.userId ?? null}
          cover={draft.cover}
          preview={draft.coverPreview}
          error={errors.cover}
          disabled={!!busy}
          check={draft.cover && draft.cover === activity?.cover ? activity.coverCheck : null}
          onChange={(cover, coverPreview) => {
            set('cover', cover)
            set('coverPreview', coverPreview)
          }}
          onUploading={setUploading}
        />
      </Section>

      <Section title='地点与签到范围'>
        <Field name='edit-place' label='活动地点' required error={errors['place.name']}>
          <Input id='edit-place-input' className='tq-input' value={draft.placeName} placeholder='如：东街社区党群服务中心' maxLength={60} onChange={(v) => set('placeName', v)} />
        </Field>
        <Field
          name='edit-point'
          label='地点位置'
          required
          error={errors['place.lat'] ?? errors['place.lng'] ?? errors.place}
          hint={
            draft.lat && draft.lng
              ? `已选：纬度 ${draft.lat}，经度 ${draft.lng}（GCJ-02）`
              : canChooseLocation()
                ? '定位签到以这个位置为中心。'
                : '定位签到以这个位置为中心。请填写腾讯地图上的坐标（GCJ-02），如纬度 35.486、经度 112.415。'
          }
        >
          {canChooseLocation() ? (
            <Button id='edit-point-choose' className='tq-button' type='primary' fill='outline' block onClick={() => void pickPlace()}>
              {draft.lat && draft.lng ? '重新取点' : '地图取点'}
            </Button>
          ) : (
            <View className='tq-row tq-edit__coords'>
              <Input id='edit-lat-input' className='tq-input tq-grow' type='digit' value={draft.lat} placeholder='纬度' onChange={(v) => set('lat', v)} />
              <Input id='edit-lng-input' className='tq-input tq-grow' type='digit' value={draft.lng} placeholder='经度' onChange={(v) => set('lng', v)} />
            </View>
          )}
        </Field>
        <Field name='edit-radius' label='签到范围（米）' required error={errors['place.radius']} hint='30–3000米；在这个范围外定位签到会标记待审核。'>
          <Input id='edit-radius-input' className='tq-input' type='number' value={draft.radius} maxLength={4} onChange={(v) => set('radius', v)} />
        </Field>
      </Section>

      <Section title='时间' id='edit-schedule'>
        <Field name='edit-start' label='开始时间' required error={errors.startAt}>
          <DateTimeField name='edit-start' title='开始时间' value={draft.startAt} onChange={(v) => set('startAt', v)} />
        </Field>
        <Field name='edit-end' label='结束时间' required error={errors.endAt}>
          <DateTimeField name='edit-end' title='结束时间' value={draft.endAt} defaultTime='11:00' onChange={(v) => set('endAt', v)} />
        </Field>
        <Field name='edit-signup-start' label='报名开始' required error={errors.signUpStartAt}>
          <DateTimeField name='edit-signup-start' title='报名开始' value={draft.signUpStartAt} onChange={(v) => set('signUpStartAt', v)} />
        </Field>
        <Field name='edit-signup-end' label='报名截止' required error={errors.signUpEndAt} hint='须在活动开始之前。'>
          <DateTimeField name='edit-signup-end' title='报名截止' value={draft.signUpEndAt} defaultTime='08:00' onChange={(v) => set('signUpEndAt', v)} />
        </Field>
        {errors.schedule ? (
          <Text id='field-edit-schedule-error' className='tq-field__error'>
            {errors.schedule}
          </Text>
        ) : null}
      </Section>

      <Section title='报名与签到'>
        <Field name='edit-capacity' label='名额（人）' required error={errors.capacity}>
          <Input id='edit-capacity-input' className='tq-input' type='number' value={draft.capacity} maxLength={4} onChange={(v) => set('capacity', v)} />
        </Field>
        <View className='tq-row tq-edit__switch'>
          <View className='tq-grow'>
            <Text className='tq-edit__switch-title'>满员后允许候补</Text>
            <Text className='tq-muted tq-edit__switch-desc'>有人取消时按顺序自动递补</Text>
          </View>
          <Switch id='edit-waitlist' checked={draft.waitlist} onChange={(v) => set('waitlist', v)} />
        </View>
        <View className='tq-row tq-edit__switch'>
          <View className='tq-grow'>
            <Text className='tq-edit__switch-title'>允许未报名的青年现场参加</Text>
            <Text className='tq-muted tq-edit__switch-desc'>现场签到，记录会标记待审核</Text>
          </View>
          <Switch id='edit-walkin' checked={draft.walkIn} onChange={(v) => set('walkIn', v)} />
        </View>
        <View className='tq-row tq-edit__switch'>
          <View className='tq-grow'>
            <Text className='tq-edit__switch-title'>须实名登记</Text>
            <Text className='tq-muted tq-edit__switch-desc'>登记了青年档案的才能报名</Text>
          </View>
          <Switch id='edit-realname' checked={draft.realNameRequired} onChange={(v) => set('realNameRequired', v)} />
        </View>
        <Field name='edit-modes' label='签到方式' required error={errors.checkInModes}>
          <MultiChoice name='edit-modes' choices={MODES} value={draft.checkInModes} onChange={(v) => set('checkInModes', v)} />
        </Field>
        <Field name='edit-min-attendance' label='最低在场比例（%）' required error={errors.minAttendancePercent} hint='在场时间低于活动时长的这个比例，不计时长并标记待审核。'>
          <Input
            id='edit-min-attendance-input'
            className='tq-input'
            type='number'
            value={draft.minAttendancePercent}
            maxLength={3}
            onChange={(v) => set('minAttendancePercent', v)}
          />
        </Field>
        <Field name='edit-points' label='每小时益币' required error={errors.pointsPerHour} hint='0–10；审核通过的签到时长按此发放，申报时长不发。'>
          <Input id='edit-points-input' className='tq-input' type='number' value={draft.pointsPerHour} maxLength={2} onChange={(v) => set('pointsPerHour', v)} />
        </Field>
        <Field name='edit-audience' label='谁可以报名' required error={errors.audience}>
          <SingleChoice name='edit-audience' choices={AUDIENCES} value={draft.audience} onChange={(v) => set('audience', v)} />
        </Field>
        {draft.audience === 'group' ? <GroupField org={draft.org} value={draft.group} onChange={chooseGroup} /> : null}
      </Section>

      <Notice kind={notice?.kind ?? 'error'} id='edit-notice'>
        {notice?.text}
      </Notice>
      <View className='tq-actions'>
        {status === 'draft' ? (
          <Button id='edit-publish' className='tq-button' type='primary' size='large' block loading={busy === 'publish'} disabled={!!busy || uploading} onClick={() => void publish()}>
            发布
          </Button>
        ) : null}
        <Button
          id='edit-save'
          className='tq-button'
          type={status === 'draft' ? 'default' : 'primary'}
          size='large'
          block
          loading={busy === 'save'}
          disabled={!!busy || uploading}
          onClick={() => void save()}
        >
          {status === 'draft' ? '保存草稿' : '保存修改'}
        </Button>
      </View>

      {!isNew ? (
        <Section title='取消活动' id='edit-cancel-section' className='tq-edit__cancel'>
          <Field name='edit-cancel-reason' label='取消原因' required error={errors.cancelReason} hint='会通知已报名和候补的青年。'>
            <Input id='edit-cancel-reason-input' className='tq-input' value={reason} placeholder='如：因天气原因取消' maxLength={100} onChange={setReason} />
          </Field>
          <Button id='edit-cancel' className='tq-button' type='danger' fill='outline' block loading={busy === 'cancel'} disabled={!!busy} onClick={() => void cancelActivity()}>
            取消活动
          </Button>
        </Section>
      ) : null}
      {dialog}
    </>
  )
}

export default function ActivityEditPage() {
  const { id } = usePageParams('id')
  return (
    <PageShell id='page-cadre-activity-edit' title={id ? '编辑活动' : '新建活动'} subtitle='带 * 的为必填项'>
      <RequireRole roles={['cadre', 'admin']}>
        <Editor />
      </RequireRole>
    </PageShell>
  )
}
