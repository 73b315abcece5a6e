import { useCallback } from 'react'
import { Text, View } from '@tarojs/components'
import type { SurveyViewT } from '../../../../../types/contract/station'
import { ListRetry } from '../../../../components/list-retry'
import { ListFooter } from '../../../../components/load-more'
import { PageShell, Section } from '../../../../components/page-shell'
import { ToneTag } from '../../../../components/tone-tag'
import { useListPage } from '../../../../hooks/use-list-page'
import { useNow } from '../../../../hooks/use-page-params'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { stationApi } from '../../../../services/api/station'
import { ROUTES, go } from '../../../../utils/routes'
import { formatShortDateTime } from '../../../../utils/time'
import './index.scss'

function SurveyRow({ s, now }: { s: SurveyViewT; now: number }) {
  return (
    <View id={`survey-${s.id}`} className='tq-list-item tq-surveys__item' hoverClass='tq-pressed' onClick={() => go(ROUTES.stationSurvey, { id: s.id })}>
      <View className='tq-row tq-surveys__head'>
        <Text className='tq-list-item__title tq-grow'>{s.title}</Text>
        {s.answered ? (
          <ToneTag tone='green' id={`survey-${s.id}-answered`}>
            已作答
          </ToneTag>
        ) : (
          <ToneTag tone='red' solid id={`survey-${s.id}-todo`}>
            去作答
          </ToneTag>
        )}
      </View>
      <Text className='tq-list-item__meta'>{`${s.orgName} · ${s.questions.length}道题`}</Text>
      <Text className='tq-list-item__meta'>{`截止：${formatShortDateTime(s.closesAt, now)}`}</Text>
    </View>
  )
}

/** 问卷: the surveys open to this youth now, the ones still to answer marked. */
export default function SurveysPage() {
  const now = useNow()
  const fetchPage = useCallback((cursor?: string) => stationApi.mySurveys({ cursor }), [])
  const list = usePagedList(fetchPage, 'station.mySurveys')
  // Back from a survey just answered: its mark changes.
  useListPage(list, { reloadOnShow: true })

  return (
    <PageShell id='page-station-surveys' title='问卷' subtitle='团组织想听听你的需求，答案会帮我们安排更合适的活动'>
      <Section id='surveys-list'>
        {list.items.map((s) => (
          <SurveyRow key={s.id} s={s} now={now} />
        ))}
        <ListFooter list={list} id='surveys-more' emptyText='现在没有需要你填写的问卷' />
        <ListRetry list={list} id='surveys-retry' />
      </Section>
    </PageShell>
  )
}
