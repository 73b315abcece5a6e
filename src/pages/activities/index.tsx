import { useCallback, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { SearchBar } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { PageShell } from '../../components/page-shell'
import { Notice } from '../../components/notice'
import { Segmented } from '../../components/segmented'
import { ActivityCard } from '../../components/activity-card'
import { ListFooter } from '../../components/load-more'
import { usePagedList } from '../../hooks/use-paged-list'
import { api } from '../../services/api'
import { locate, type GeoPoint } from '../../utils/platform'
import { ROUTES, go } from '../../utils/routes'
import './index.scss'

type Sort = 'upcoming' | 'nearby'

const SEGMENTS: { value: Sort; label: string }[] = [
  { value: 'upcoming', label: '即将开始' },
  { value: 'nearby', label: '附近' },
]

const LOCATION_DENIED = '没有获得位置权限，先为您按时间排列。如需查看附近的活动，请在小程序设置中允许使用位置信息。'
const LOCATION_UNAVAILABLE = '暂时无法获取您的位置，先为您按时间排列。请打开手机定位后再试。'

export default function ActivitiesPage() {
  const [sort, setSort] = useState<Sort>('upcoming')
  const [near, setNear] = useState<GeoPoint | null>(null)
  const [locating, setLocating] = useState(false)
  const [locationNote, setLocationNote] = useState('')
  const [draft, setDraft] = useState('')
  const [q, setQ] = useState('')

  const fetchPage = useCallback(
    (cursor?: string) =>
      api.activity.listActivities(
        sort === 'nearby' && near ? { sort: 'nearby', near, q: q || undefined, cursor } : { sort: 'upcoming', q: q || undefined, cursor },
      ),
    [sort, near, q],
  )
  const list = usePagedList(locating ? null : fetchPage, 'activity.listActivities')

  const choose = async (next: Sort) => {
    setLocationNote('')
    if (next === 'upcoming') {
      setSort('upcoming')
      return
    }
    setSort('nearby')
    setLocating(true)
    const answer = await locate()
    setLocating(false)
    if (answer.ok) {
      setNear({ lat: answer.reading.lat, lng: answer.reading.lng })
    } else {
      setSort('upcoming')
      setLocationNote(answer.reason === 'denied' ? LOCATION_DENIED : LOCATION_UNAVAILABLE)
    }
  }

  usePullDownRefresh(() => {
    void list.reload().finally(() => void Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (list.hasMore && !list.loading) void list.loadMore()
  })

  return (
    <PageShell id='page-activities' title='活动' subtitle='报名参加身边的志愿服务和团组织活动'>
      <View className='tq-activities__filters'>
        <Segmented name='activities-sort' segments={SEGMENTS} value={sort} onChange={(v) => void choose(v)} />
        {/* NutUI's SearchBar does not pass `id` on. */}
        <View id='activities-search' className='tq-activities__search'>
          <SearchBar
            value={draft}
            placeholder='搜索活动名称'
            maxLength={20}
            onChange={(v) => setDraft(v)}
            onSearch={(v) => setQ(v.trim())}
            onClear={() => {
              setDraft('')
              setQ('')
            }}
          />
        </View>
      </View>
      <Notice kind='info' id='activities-location-note'>
        {locationNote}
      </Notice>
      {locating ? <Notice kind='info'>正在获取您的位置…</Notice> : null}
      <View id='activities-list'>
        {list.items.map((a) => (
          <ActivityCard key={a.id} activity={a} onClick={() => go(ROUTES.activity, { id: a.id })} />
        ))}
      </View>
      <ListFooter
        list={list}
        id='activities-more'
        emptyText={q ? `没有找到与“${q}”有关的活动` : sort === 'nearby' ? '附近暂时没有活动' : '暂时没有即将开始的活动'}
      />
    </PageShell>
  )
}
