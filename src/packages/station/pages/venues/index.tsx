import { useCallback, useEffect, useState } from 'react'
import { Map, Text, View } from '@tarojs/components'
import type { NearbyVenue } from '../../../../../types/contract/station'
import type { z } from 'zod'
import { EmptyState } from '../../../../components/empty-state'
import { LoadState } from '../../../../components/load-state'
import { Notice } from '../../../../components/notice'
import { PageShell } from '../../../../components/page-shell'
import { Segmented } from '../../../../components/segmented'
import { ToneTag } from '../../../../components/tone-tag'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { stationApi } from '../../../../services/api/station'
import { distanceText } from '../../../../utils/activity'
import { locate, type GeoPoint } from '../../../../utils/platform'
import { ROUTES, go } from '../../../../utils/routes'
import { formatDay } from '../../../../utils/time'
import { venueTags } from '../../components/venue-labels'
import './index.scss'

type Venue = z.infer<typeof NearbyVenue>
type Kind = 'all' | 'station' | 'youth_home'

const KINDS: { value: Kind; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'station', label: '联络站' },
  { value: 'youth_home', label: '青年之家' },
]

const LOCATION_DENIED = '没有获得位置权限，列表不显示距离。如需按远近查看，请在小程序设置中允许使用位置信息。'
const LOCATION_UNAVAILABLE = '暂时无法获取您的位置，列表不显示距离。请打开手机定位后再试。'
/** How many of a venue's activities this week its card names; the count says the rest. */
const TITLES_SHOWN = 2

/** Where the phone is, asked once: a position, or none (denied, unavailable) with the reason to show. */
function usePosition(): { near: GeoPoint | null; asking: boolean; note: string } {
  const [state, setState] = useState<{ near: GeoPoint | null; asking: boolean; note: string }>({ near: null, asking: true, note: '' })
  useEffect(() => {
    let live = true
    void locate().then((answer) => {
      if (!live) return
      if (answer.ok) setState({ near: { lat: answer.reading.lat, lng: answer.reading.lng }, asking: false, note: '' })
      else setState({ near: null, asking: false, note: answer.reason === 'denied' ? LOCATION_DENIED : LOCATION_UNAVAILABLE })
    })
    return () => {
      live = false
    }
  }, [])
  return state
}

function VenueItem({ v, now }: { v: Venue; now: number }) {
  const distance = distanceText(v.distance)
  const rest = v.thisWeek.length - TITLES_SHOWN
  return (
    <View id={`venue-${v.id}`} className='tq-venues__item' hoverClass='tq-pressed' onClick={() => go(ROUTES.stationVenue, { venueId: v.id })}>
      <View className='tq-row tq-venues__head'>
        <Text className='tq-venues__name tq-grow'>{v.name}</Text>
        {distance ? <Text className='tq-venues__distance' id={`venue-${v.id}-distance`}>{distance}</Text> : null}
      </View>
      <View className='tq-row tq-venues__tags' id={`venue-${v.id}-tags`}>
        {venueTags(v).map((t) => (
          <ToneTag key={t.text} tone={t.tone}>
            {t.text}
          </ToneTag>
        ))}
      </View>
      <Text className='tq-list-item__meta'>{v.address}</Text>
      {v.hours ? <Text className='tq-list-item__meta' id={`venue-${v.id}-hours`}>{`开放时间：${v.hours}`}</Text> : null}
      <View className='tq-venues__week' id={`venue-${v.id}-week`}>
        {v.thisWeek.length ? (
          <>
            <Text className='tq-venues__week-count'>{`本周活动 ${v.thisWeek.length} 场`}</Text>
            {v.thisWeek.slice(0, TITLES_SHOWN).map((a) => (
              <Text key={a.id} className='tq-venues__week-title'>{`${formatDay(a.startAt, now)} ${a.title}`}</Text>
            ))}
            {rest > 0 ? <Text className='tq-muted'>{`还有 ${rest} 场`}</Text> : null}
          </>
        ) : (
          <Text className='tq-muted'>本周暂无活动</Text>
        )}
      </View>
    </View>
  )
}

/**
 * 附近阵地: the stations and youth homes near the youth, nearest first, with what is on there this
 * week. The position is asked once; without it the list still comes, without distances.
 * The map above is a help where the platform draws one; the list below is the page.
 */
export default function VenuesPage() {
  const [kind, setKind] = useState<Kind>('all')
  const { near, asking, note } = usePosition()
  const load = useCallback(
    () => stationApi.nearbyVenues({ ...(near ? { lat: near.lat, lng: near.lng } : {}), ...(kind === 'all' ? {} : { kind }) }),
    [near, kind],
  )
  const page = usePageLoad(asking ? null : load, 'station.nearbyVenues')
  const venues = page.data?.venues ?? []
  const now = Date.now()

  // No icon of our own: an empty path draws WeChat's own pin. A marker's id is its place in the list.
  const markers = venues.map((v, i) => ({ id: i, latitude: v.lat, longitude: v.lng, title: v.name, iconPath: '', width: 28, height: 36 }))
  const centre = near ?? (venues[0] ? { lat: venues[0].lat, lng: venues[0].lng } : null)

  return (
    <PageShell id='page-station-venues' title='附近阵地' subtitle='团代表联络站和青年之家：看看身边有什么活动，找团代表说说心里话'>
      <View className='tq-venues__filters'>
        <Segmented name='venues-kind' segments={KINDS} value={kind} onChange={setKind} />
      </View>
      <Notice kind='info' id='venues-location-note'>
        {note}
      </Notice>
      {asking ? <Notice kind='info'>正在获取您的位置…</Notice> : null}
      {page.data ? (
        <>
          {centre && venues.length ? (
            <Map
              id='venues-map'
              className='tq-venues__map'
              latitude={centre.lat}
              longitude={centre.lng}
              scale={13}
              markers={markers}
              showLocation={!!near}
              // The list below stays whatever the map does: a map that fails is only logged.
              onError={(e) => console.error('[venues] map', e.detail)}
              onMarkerTap={(e) => {
                const v = venues[Number(e.detail.markerId)]
                if (v) go(ROUTES.stationVenue, { venueId: v.id })
              }}
            />
          ) : null}
          <View id='venues-list'>
            {venues.map((v) => (
              <VenueItem key={v.id} v={v} now={now} />
            ))}
          </View>
          {venues.length === 0 ? <EmptyState id='venues-empty' text={kind === 'youth_home' ? '附近还没有青年之家' : kind === 'station' ? '附近还没有团代表联络站' : '附近还没有联络站或青年之家'} /> : null}
        </>
      ) : asking ? null : (
        <LoadState state={page} errorId='venues-error' retryId='venues-retry' />
      )}
    </PageShell>
  )
}
