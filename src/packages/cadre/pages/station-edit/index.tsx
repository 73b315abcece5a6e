import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { STATION_LEVEL_LABEL, SaveStationInput } from '../../../../../types/contract/station'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { LoadState } from '../../../../components/load-state'
import { RequireRole } from '../../../../components/require-role'
import { SingleChoice, choicesOf } from '../../../../components/choice-group'
import { stationApi } from '../../../../services/api/station'
import { ROUTES, back } from '../../../../utils/routes'
import { newStationDraft, parentChoices, stationDraftFrom, stationPayload, venueIssues, type StationDraft } from './draft'
import { PlaceFields, pointMessage } from './place-fields'
import { useVenueForm } from './use-venue-form'
import './index.scss'

const LEVELS = choicesOf(STATION_LEVEL_LABEL)
const LEVEL_HINTS: Record<StationDraft['level'], string> = {
  main: '总站是一个县（区）联络站网络的顶端，没有上级站。',
  area: '分站在总站之下，联系一片乡镇（街道）的站。',
  station: '站在总站或分站之下，通常有一个主题，如红色之站、书香之站。',
}

function check(d: StationDraft) {
  const parsed = SaveStationInput.safeParse(stationPayload(d))
  if (parsed.success && (d.level === 'main' || d.parentId)) return { input: parsed.data }
  const errors = parsed.success ? {} : venueIssues(parsed.error.issues)
  const point = pointMessage(d.lat, d.lng, '联络站')
  if ((errors.lat || errors.lng) && point) errors.lat = point
  if (errors.orgId && !d.org) errors.orgId = '请选择联络站所属的团组织'
  if (d.level !== 'main' && !d.parentId) errors.parentId = d.level === 'area' ? '请选择分站所在的总站' : '请选择这个站的上级站（总站或分站）'
  return { errors }
}

function Editor() {
  const form = useVenueForm<StationDraft>({
    kind: 'station',
    fresh: newStationDraft,
    from: stationDraftFrom,
    check,
    send: (input) => stationApi.saveStation(input),
    label: 'station.saveStation',
  })
  const { draft, errors, set } = form
  if (form.loaded && !draft.venueId) return <LoadState state={form.loaded} errorId='station-edit-load-error' retryId='station-edit-retry' />

  const candidates = parentChoices(draft.level, draft.venueId, form.stations.data?.stations ?? [])
  const parentKnown = !draft.parentId || candidates.some((s) => s.id === draft.parentId)
  const choices = candidates.map((s) => ({ value: s.id, label: `${STATION_LEVEL_LABEL[s.level ?? 'station']}·${s.name}` }))
  if (!parentKnown && draft.parentId) choices.unshift({ value: draft.parentId, label: '原上级站' })
  return (
    <>
      <Section title='联络站'>
        <PlaceFields name='station' noun='联络站' draft={draft} errors={errors} roots={form.roots} set={set} onPlace={(p) => form.patch(p, ['lat', 'lng'])} />
      </Section>
      <Section title='在站网络中的位置'>
        <Field name='station-level' label='层级' required error={errors.level} hint={LEVEL_HINTS[draft.level]}>
          <SingleChoice
            name='station-level'
            choices={LEVELS}
            value={draft.level}
            onChange={(v) => {
              form.patch({ level: v, parentId: v === 'main' ? null : draft.parentId } as Partial<StationDraft>, ['level', 'parentId'])
            }}
          />
        </Field>
        {draft.level !== 'main' ? (
          <Field name='station-parent' label='上级站' required error={errors.parentId}>
            {choices.length ? <SingleChoice name='station-parent' choices={choices} value={draft.parentId} onChange={(v) => set('parentId', v)} /> : null}
            {form.stations.loading && !form.stations.data ? <Text className='tq-muted'>正在加载…</Text> : null}
            {form.stations.error ? (
              <View>
                <Notice id='station-parent-error'>{form.stations.error.message}</Notice>
                <Button id='station-parent-retry' className='tq-button' block onClick={() => void form.stations.reload()}>
                  重试
                </Button>
              </View>
            ) : null}
            {form.stations.data && !choices.length ? (
              <Text id='station-parent-none' className='tq-muted'>
                {draft.level === 'area' ? '这个组织还没有总站，请先新建总站。' : '这个组织还没有总站或分站，请先新建。'}
              </Text>
            ) : null}
          </Field>
        ) : null}
        {draft.level === 'station' ? (
          <Field name='station-theme' label='主题' error={errors.theme} hint='如：红色之站、书香之站、艺术之站、廉政之站。'>
            <Input id='station-theme-input' className='tq-input' value={draft.theme} placeholder='如：书香之站' maxLength={20} onChange={(v) => set('theme', v)} />
          </Field>
        ) : null}
      </Section>
      <Notice kind={form.notice?.kind ?? 'error'} id='station-edit-notice'>
        {form.notice?.text}
      </Notice>
      <View className='tq-actions'>
        <Button id='station-save' className='tq-button' type='primary' size='large' block loading={form.busy} disabled={form.busy} onClick={() => void form.save()}>
          {draft.venueId ? '保存修改' : '新建联络站'}
        </Button>
        <Button id='station-back' className='tq-button' size='large' block disabled={form.busy} onClick={() => back(ROUTES.cadreStations)}>
          返回
        </Button>
      </View>
    </>
  )
}

export default function StationEditPage() {
  return (
    <PageShell id='page-cadre-station-edit' title='联络站' subtitle='团代表联络站：总站、分站和各主题站'>
      <RequireRole roles={['cadre', 'admin']}>
        <Editor />
      </RequireRole>
    </PageShell>
  )
}
