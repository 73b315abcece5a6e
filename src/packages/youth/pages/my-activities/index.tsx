import { useCallback, useState } from 'react'
import { View } from '@tarojs/components'
import { PageShell } from '../../../../components/page-shell'
import { Segmented } from '../../../../components/segmented'
import { ActivityCard } from '../../../../components/activity-card'
import { ToneTag } from '../../../../components/tone-tag'
import { ListFooter } from '../../../../components/load-more'
import { useListPage } from '../../../../hooks/use-list-page'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { activitiesApi } from '../../../../services/api/activities'
import { participationLabel } from '../../../../utils/activity'
import { ROUTES, go } from '../../../../utils/routes'
import './index.scss'

type When = 'upcoming' | 'past'

const SEGMENTS: { value: When; label: string }[] = [
  { value: 'upcoming', label: '未开始/进行中' },
  { value: 'past', label: '已结束' },
]

export default function MyActivitiesPage() {
  const [when, setWhen] = useState<When>('upcoming')
  const fetchPage = useCallback((cursor?: string) => activitiesApi.myActivities({ when, cursor }), [when])
  const list = usePagedList(fetchPage, 'activity.myActivities')
  // Back from an activity (cancelled, checked in): the list may have changed.
  useListPage(list, { reloadOnShow: true })

  return (
    <PageShell id='page-my-activities' title='我的活动'>
      <Segmented name='my-activities-when' segments={SEGMENTS} value={when} onChange={setWhen} />
      <View id='my-activities-list' className='tq-my-activities__list'>
        {list.items.map(({ activity, participation }) => {
          const label = participationLabel(participation)
          return (
            <ActivityCard
              key={activity.id}
              activity={activity}
              tags={<ToneTag tone={label.tone} solid>{label.text}</ToneTag>}
              onClick={() => go(ROUTES.activity, { id: activity.id })}
            />
          )
        })}
      </View>
      <ListFooter list={list} id='my-activities-more' emptyText={when === 'upcoming' ? '还没有报名活动，去「活动」看看吧' : '还没有参加过的活动'} />
    </PageShell>
  )
}
