import { useCallback, useState } from 'react'
import { Switch } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { DUTY_TYPE_LABEL, POST_LABEL, type DutyYearT } from '../../../../../types/contract/station'
import { PageShell, Section } from '../../../../components/page-shell'
import { EmptyState } from '../../../../components/empty-state'
import { Field } from '../../../../components/field'
import { LoadState } from '../../../../components/load-state'
import { OrgPicker } from '../../../../components/org-picker'
import { RequireRole } from '../../../../components/require-role'
import { SingleChoice } from '../../../../components/choice-group'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { useScopeOrg } from '../../../../hooks/use-scope-org'
import { stationApi } from '../../../../services/api/station'
import { formatMinutes } from '../../../../utils/time'
import { DutyCounts, dutyYears } from '../../../station/components/duty-counts'
import './index.scss'

function Person({ d }: { d: DutyYearT }) {
  const id = `roster-${d.userId}-${d.venueId}`
  return (
    <View className='tq-list-item' id={id}>
      <View className='tq-row'>
        <Text className='tq-list-item__title tq-grow'>{d.name}</Text>
        <Text className='tq-muted'>{`${POST_LABEL[d.post]} · ${d.venueName}`}</Text>
      </View>
      <DutyCounts duty={d} id={`${id}-counts`} />
      <Text className={d.missing.length ? 'tq-roster__missing' : 'tq-roster__done'} id={`${id}-missing`}>
        {d.missing.length ? `还差：${d.missing.map((t) => DUTY_TYPE_LABEL[t]).join('、')}` : '已达标 ✓'}
      </Text>
      <Text className='tq-list-item__meta'>{d.visits ? `进站接待 ${d.visits} 次，共 ${formatMinutes(d.visitMinutes)}` : '没有进站接待记录'}</Text>
    </View>
  )
}

function RosterView({ orgId, year, behindOnly }: { orgId: string; year: number; behindOnly: boolean }) {
  const load = useCallback(() => stationApi.dutyRoster({ orgId, year, behindOnly }), [orgId, year, behindOnly])
  const page = usePageLoad(load, 'station.dutyRoster')
  if (!page.data) return <LoadState state={page} errorId='roster-load-error' retryId='roster-retry' />
  const r = page.data
  return (
    <Section title={`${year}年履职`} id='roster-list' extra={<Text className='tq-muted' id='roster-summary'>{`未达标 ${r.behind} 人 / 共 ${r.total} 人`}</Text>}>
      {r.people.length ? (
        r.people.map((d) => <Person key={`${d.userId}-${d.venueId}-${d.post}`} d={d} />)
      ) : (
        <EmptyState id='roster-empty' text={behindOnly && r.total ? '所有团代表和委员都已达标' : '这个组织还没有在任的团代表和委员'} />
      )}
    </Section>
  )
}

function Roster() {
  const { roots, org, setOrg } = useScopeOrg('cadre', 'admin')
  const years = dutyYears()
  const [year, setYear] = useState(years[0].value)
  const [behindOnly, setBehindOnly] = useState(false)
  return (
    <>
      <Section>
        <Field name='roster-org' label='团组织' required hint='这个组织及下级组织联络站的团代表和委员。'>
          <OrgPicker name='roster-org' value={org} roots={roots} onChange={setOrg} title='选择团组织' />
        </Field>
        <Field name='roster-year' label='年度' required>
          <SingleChoice name='roster-year' choices={years} value={year} onChange={setYear} />
        </Field>
        <View className='tq-row'>
          <Text className='tq-grow'>只看未达标</Text>
          <Switch id='roster-behind' checked={behindOnly} onChange={setBehindOnly} />
        </View>
      </Section>
      {org ? <RosterView orgId={org.id} year={Number(year)} behindOnly={behindOnly} /> : null}
    </>
  )
}

export default function CadreDutyRosterPage() {
  return (
    <PageShell id='page-cadre-duty-roster' title='履职情况' subtitle='每位团代表、委员一年的宣讲、调研、服务、座谈，未达标的在前'>
      <RequireRole roles={['cadre', 'admin']}>
        <Roster />
      </RequireRole>
    </PageShell>
  )
}
