import { useCallback, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { DUTY_TYPE_LABEL, POST_LABEL, type DutyYearT } from '../../../../../types/contract/station'
import { PageShell, Section } from '../../../../components/page-shell'
import { EmptyState } from '../../../../components/empty-state'
import { Field } from '../../../../components/field'
import { LoadState } from '../../../../components/load-state'
import { SingleChoice } from '../../../../components/choice-group'
import { usePageLoad, useShownAgain } from '../../../../hooks/use-page-load'
import { stationApi } from '../../../../services/api/station'
import { ROUTES, go } from '../../../../utils/routes'
import { formatDate, formatMinutes } from '../../../../utils/time'
import { DutyCounts, dutyYears } from '../../components/duty-counts'
import './index.scss'

/** One post's year: the counts against the minimum, what is still short, and the station visits. */
function PostYear({ d, index }: { d: DutyYearT; index: number }) {
  const id = `duty-${index}`
  return (
    <Section title={`${POST_LABEL[d.post]} · ${d.venueName}`} id={id}>
      <DutyCounts duty={d} id={`${id}-counts`} />
      <Text className='tq-duties__missing' id={`${id}-missing`}>
        {d.missing.length ? `今年还差：${d.missing.map((t) => DUTY_TYPE_LABEL[t]).join('、')}` : '今年的履职要求已全部完成 ✓'}
      </Text>
      <Text className='tq-list-item__meta' id={`${id}-visits`}>
        {d.visits ? `进站接待 ${d.visits} 次，共 ${formatMinutes(d.visitMinutes)}` : '今年还没有进站接待记录'}
      </Text>
    </Section>
  )
}

function Duties() {
  const years = dutyYears()
  const [year, setYear] = useState(years[0].value)
  const load = useCallback(() => stationApi.myDuties({ year: Number(year) }), [year])
  const page = usePageLoad(load, 'station.myDuties')
  // Back from 进站签到 or an activity's check-in: the counts may have moved.
  useShownAgain(() => void page.reload())
  const data = page.data

  return (
    <>
      <Section>
        <Field name='duties-year' label='年度' required>
          <SingleChoice name='duties-year' choices={years} value={year} onChange={setYear} />
        </Field>
      </Section>
      {!data ? (
        <LoadState state={page} errorId='duties-load-error' retryId='duties-retry' />
      ) : data.duties.length === 0 ? (
        <Section id='duties-empty'>
          <EmptyState text={`${year}年您没有在联络站派驻的任期，没有履职要求。`} />
        </Section>
      ) : (
        <>
          {data.duties.map((d, i) => (
            <PostYear key={`${d.post}-${d.venueId}`} d={d} index={i} />
          ))}
          <Section title='履职记录' id='duties-items'>
            {data.items.length ? (
              data.items.map((it) => (
                <View key={`${it.activityId}-${it.how}`} className='tq-list-item' id={`duty-item-${it.activityId}`}>
                  <View className='tq-row'>
                    <Text className='tq-list-item__title tq-grow'>{it.title}</Text>
                    <Text className='tq-duties__how'>{it.how === 'host' ? '主讲' : '参加'}</Text>
                  </View>
                  <Text className='tq-list-item__meta'>{`${DUTY_TYPE_LABEL[it.dutyType]} · ${it.venueName} · ${formatDate(it.at)}`}</Text>
                </View>
              ))
            ) : (
              <Text className='tq-muted' id='duties-items-empty'>
                这一年还没有计入的联络站活动。担任主讲或负责人并举办、或签到参加的联络站活动会自动计入。
              </Text>
            )}
          </Section>
        </>
      )}
      <View className='tq-actions'>
        <Button id='duties-visit' className='tq-button' type='primary' size='large' block onClick={() => go(ROUTES.stationVisit)}>
          进站签到
        </Button>
      </View>
    </>
  )
}

export default function DutiesPage() {
  return (
    <PageShell id='page-station-duties' title='我的履职' subtitle='宣讲、调研、服务、座谈，对照每年的最低要求'>
      <Duties />
    </PageShell>
  )
}
