import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { HOME_TIER_LABEL, SaveYouthHomeInput, STATION_LEVEL_LABEL } from '../../../../../types/contract/station'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { LoadState } from '../../../../components/load-state'
import { RequireRole } from '../../../../components/require-role'
import { SingleChoice } from '../../../../components/choice-group'
import { stationApi } from '../../../../services/api/station'
import { ROUTES, back } from '../../../../utils/routes'
import { homeDraftFrom, homePayload, newHomeDraft, venueIssues, type HomeDraft } from '../station-edit/draft'
import { PlaceFields, pointMessage } from '../station-edit/place-fields'
import { useVenueForm } from '../station-edit/use-venue-form'
import '../station-edit/index.scss'
import { FundingField } from './funding-field'

/** 'none' stands for "not a 品牌店" and "no shared station" in the choices (a choice's value is a string). */
const NONE = 'none'
const TIERS = [{ value: NONE, label: '暂未评定' }, ...(Object.keys(HOME_TIER_LABEL) as (keyof typeof HOME_TIER_LABEL)[]).map((t) => ({ value: t, label: HOME_TIER_LABEL[t] }))]

function check(d: HomeDraft) {
  const parsed = SaveYouthHomeInput.safeParse(homePayload(d))
  if (parsed.success) return { input: parsed.data }
  const errors = venueIssues(parsed.error.issues)
  const point = pointMessage(d.lat, d.lng, '青年之家')
  if ((errors.lat || errors.lng) && point) errors.lat = point
  if (errors.orgId && !d.org) errors.orgId = '请选择青年之家所属的团组织'
  d.funding.forEach((f, i) => {
    if (errors[`funding.${i}.year`] && !f.year.trim()) errors[`funding.${i}.year`] = '请填写年份'
    if (errors[`funding.${i}.yuan`] && !f.yuan.trim()) errors[`funding.${i}.yuan`] = '请填写金额（元）'
  })
  return { errors }
}

function Editor() {
  const form = useVenueForm<HomeDraft>({
    kind: 'youth_home',
    fresh: newHomeDraft,
    from: homeDraftFrom,
    check,
    send: (input) => stationApi.saveYouthHome(input),
    label: 'station.saveYouthHome',
  })
  const { draft, errors, set } = form
  if (form.loaded && !draft.venueId) return <LoadState state={form.loaded} errorId='home-edit-load-error' retryId='home-edit-retry' />

  const stations = form.stations.data?.stations ?? []
  const stationChoices = [{ value: NONE, label: '不与联络站同址' }, ...stations.map((s) => ({ value: s.id, label: `${s.name}（${STATION_LEVEL_LABEL[s.level ?? 'station']}）` }))]
  if (draft.stationId && !stations.some((s) => s.id === draft.stationId)) stationChoices.push({ value: draft.stationId, label: '原同址联络站' })
  return (
    <>
      <Section title='青年之家'>
        <PlaceFields name='home' noun='青年之家' draft={draft} errors={errors} roots={form.roots} set={set} onPlace={(p) => form.patch(p, ['lat', 'lng'])} />
      </Section>
      <Section title='品牌店与资金'>
        <Field name='home-tier' label='品牌店等级' required error={errors.tier} hint='旗舰店、示范店、标准店按评定结果填写；未评定的先选「暂未评定」。'>
          <SingleChoice name='home-tier' choices={TIERS} value={draft.tier || NONE} onChange={(v) => set('tier', v === NONE ? '' : (v as HomeDraft['tier']))} />
        </Field>
        <FundingField rows={draft.funding} errors={errors} onChange={(rows) => form.patch({ funding: rows } as Partial<HomeDraft>, Object.keys(errors).filter((k) => k.startsWith('funding')))} />
      </Section>
      <Section title='同址的联络站'>
        <Field name='home-station' label='与哪个联络站共用场地' required error={errors.stationId} hint='青年之家和团代表联络站常在同一处接待青年。'>
          <SingleChoice name='home-station' choices={stationChoices} value={draft.stationId ?? NONE} onChange={(v) => set('stationId', v === NONE ? null : v)} />
          {form.stations.loading && !form.stations.data ? <Text className='tq-muted'>正在加载联络站…</Text> : null}
          {form.stations.error ? (
            <View>
              <Notice id='home-station-error'>{form.stations.error.message}</Notice>
              <Button id='home-station-retry' className='tq-button' block onClick={() => void form.stations.reload()}>
                重试
              </Button>
            </View>
          ) : null}
        </Field>
      </Section>
      <Notice kind={form.notice?.kind ?? 'error'} id='home-edit-notice'>
        {form.notice?.text}
      </Notice>
      <View className='tq-actions'>
        <Button id='home-save' className='tq-button' type='primary' size='large' block loading={form.busy} disabled={form.busy} onClick={() => void form.save()}>
          {draft.venueId ? '保存修改' : '新建青年之家'}
        </Button>
        <Button id='home-back' className='tq-button' size='large' block disabled={form.busy} onClick={() => back(ROUTES.cadreStations)}>
          返回
        </Button>
      </View>
    </>
  )
}

export default function HomeEditPage() {
  return (
    <PageShell id='page-cadre-home-edit' title='青年之家' subtitle='青年之家：等级、历年资金和同址的联络站'>
      <RequireRole roles={['cadre', 'admin']}>
        <Editor />
      </RequireRole>
    </PageShell>
  )
}
