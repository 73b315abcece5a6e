import { useCallback, useState } from 'react'
import { SearchBar } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '../../components/page-shell'
import { Notice } from '../../components/notice'
import { Segmented } from '../../components/segmented'
import { ActivityCard } from '../../components/activity-card'
import { EmptyState } from '../../components/empty-state'
import { ListFooter } from '../../components/load-more'
import { OrgPicker } from '../../components/org-picker'
import { useListPage } from '../../hooks/use-list-page'
import { usePagedList } from '../../hooks/use-paged-list'
import { activitiesApi } from '../../services/api/activities'
import { locate, type GeoPoint } from '../../utils/platform'
import type { OrgRef } from '../../utils/roles'
import { ROUTES, go } from '../../utils/routes'
import { useHomeOrg } from './home-org'
import './index.scss'

type Sort = 'upcoming' | 'nearby' | 'org'

const SEGMENTS: { value: Sort; label: string }[] = [
  { value: 'upcoming', label: '即将开始' },
  { value: 'nearby', label: '附近' },
  { value: 'org', label: '按组织' },
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
  const [picked, setPicked] = useState<OrgRef | null>(null)
  const { home, finding } = useHomeOrg(sort === 'org')
  const org = picked ?? home
  const orgId = sort === 'org' ? org?.id : undefined

  const fetchPage = useCallback(
    (cursor?: string) => {
      const query = q || undefined
      if (orgId) return activitiesApi.listActivities({ sort: 'upcoming', orgId, q: query, cursor })
      if (sort === 'nearby' && near) return activitiesApi.listActivities({ sort: 'nearby', near, q: query, cursor })
      return activitiesApi.listActivities({ sort: 'upcoming', q: query, cursor })
    },
    [sort, near, q, orgId],
  )
  const waiting = locating || (sort === 'org' && !orgId)
  const list = usePagedList(waiting ? null : fetchPage, 'activity.listActivities')

  const choose = async (next: Sort) => {
    setLocationNote('')
    if (next !== 'nearby') {
      setSort(next)
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

  useListPage(list)

  return (
    <PageShell id='page-activities' title='活动' subtitle='报名参加身边的志愿服务和团组织活动'>
      <View className='tq-activities__filters'>
        <Segmented name='activities-sort' segments={SEGMENTS} value={sort} onChange={(v) => void choose(v)} />
        {sort === 'org' ? (
          <View id='activities-org' className='tq-activities__org'>
            <OrgPicker name='activities-org' value={org} onChange={(o) => setPicked({ id: o.id, name: o.name })} title='选择团组织' placeholder='选择团组织' />
            <Text className='tq-muted tq-activities__org-hint'>显示这个组织及其下级组织即将开始的活动</Text>
          </View>
        ) : null}
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
      {sort === 'org' && finding ? <Notice kind='info'>正在查找您所在的团组织…</Notice> : null}
      <View id='activities-list'>
        {list.items.map((a) => (
          <ActivityCard key={a.id} activity={a} onClick={() => go(ROUTES.activity, { id: a.id })} />
        ))}
      </View>
      {sort === 'org' && !org ? (
        finding ? null : <EmptyState id='activities-org-empty' text='请先选择一个团组织' />
      ) : (
        <ListFooter list={list} id='activities-more' emptyText={emptyText(sort, q, org)} />
      )}
    </PageShell>
  )
}

function emptyText(sort: Sort, q: string, org: OrgRef | null): string {
  if (q) return sort === 'org' && org ? `${org.name}没有与“${q}”有关的活动` : `没有找到与“${q}”有关的活动`
  if (sort === 'nearby') return '附近暂时没有活动'
  if (sort === 'org' && org) return `${org.name}暂时没有即将开始的活动`
  return '暂时没有即将开始的活动'
}
