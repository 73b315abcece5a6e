import { useCallback } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { POST_LABEL } from '../../../../../types/contract/station'
import type { ErrorCode } from '../../../../../types/errors'
import { ActivityCard } from '../../../../components/activity-card'
import { EmptyState } from '../../../../components/empty-state'
import { LoadState } from '../../../../components/load-state'
import { Notice } from '../../../../components/notice'
import { PageShell, Section } from '../../../../components/page-shell'
import { ToneTag } from '../../../../components/tone-tag'
import { usePageLoad, useShownAgain } from '../../../../hooks/use-page-load'
import { useNow, usePageParams } from '../../../../hooks/use-page-params'
import { stationApi } from '../../../../services/api/station'
import { canOpenMap, openMap } from '../../../../utils/platform'
import { ROUTES, back, go, relaunch } from '../../../../utils/routes'
import { venueTags } from '../../components/venue-labels'
import './index.scss'

const NEEDS_REGISTRATION = new Set<ErrorCode>(['USER.NOT_REGISTERED', 'USER.PRIVACY_NOT_ACCEPTED'])

/**
 * A station's or youth home's page, from 附近阵地 (`?venueId=`) or from the code printed at its door
 * (`?scene=<venueId>`): what it is, where and when it is open, what is on, which representatives are
 * posted there and who is in today; 提意见 for everyone, 进站签到 for those posted there, 进站码 for
 * the cadres over it (the server says which, `posted` / `manages`).
 */
export default function VenuePage() {
  const { venueId: fromLink, scene } = usePageParams('venueId', 'scene')
  const venueId = fromLink || scene
  const now = useNow()
  const load = useCallback(() => stationApi.getStation({ venueId }), [venueId])
  const page = usePageLoad(venueId ? load : null, 'station.getStation')

  // Back from an opinion or a visit: who is in, and what is on, may have changed.
  useShownAgain(() => {
    if (page.data) void page.reload()
  })

  if (!venueId) {
    return (
      <PageShell id='page-station-venue' title='联络站'>
        <Notice id='venue-missing'>没有找到这个联络站或青年之家。</Notice>
      </PageShell>
    )
  }

  const d = page.data
  if (!d) {
    const code = page.error?.code
    return (
      <PageShell id='page-station-venue'>
        <LoadState
          state={page}
          errorId='venue-load-error'
          retryId='venue-retry'
          action={
            code === 'STATION.NOT_FOUND' ? (
              <Button id='venue-back' className='tq-button' size='large' block onClick={() => back(ROUTES.stationVenues)}>
                返回附近阵地
              </Button>
            ) : code && NEEDS_REGISTRATION.has(code) ? (
              <Button id='venue-register' className='tq-button' type='primary' size='large' block onClick={() => relaunch(ROUTES.index)}>
                去登记青年档案
              </Button>
            ) : undefined
          }
        />
      </PageShell>
    )
  }

  const v = d.venue
  const mapOk = canOpenMap()
  return (
    <PageShell id='page-station-venue'>
      <View className='tq-venue__head'>
        <View className='tq-row' id='venue-tags'>
          {venueTags(v).map((t) => (
            <ToneTag key={t.text} tone={t.tone}>
              {t.text}
            </ToneTag>
          ))}
          {v.status === 'closed' ? (
            <ToneTag tone='grey' solid id='venue-closed'>
              暂停开放
            </ToneTag>
          ) : null}
        </View>
        <Text className='tq-venue__name' id='venue-name'>
          {v.name}
        </Text>
        <Text className='tq-muted' id='venue-org'>
          {v.orgName}
        </Text>
        {v.stationName ? <Text className='tq-muted' id='venue-shared'>{`与${v.stationName}同址`}</Text> : null}
      </View>

      <Section title='地址和开放时间' id='venue-where'>
        <View
          id='venue-address'
          className={mapOk ? 'tq-venue__line tq-venue__link' : 'tq-venue__line'}
          onClick={mapOk ? () => openMap({ name: v.name, lat: v.lat, lng: v.lng }) : undefined}
        >
          <Text className='tq-venue__key'>地址</Text>
          <Text className='tq-venue__value'>
            {v.address}
            {mapOk ? <Text className='tq-venue__map'> 查看地图 ›</Text> : null}
          </Text>
        </View>
        <View className='tq-venue__line'>
          <Text className='tq-venue__key'>开放</Text>
          <Text className='tq-venue__value' id='venue-hours'>
            {v.hours || '请咨询站内工作人员'}
          </Text>
        </View>
        {v.description ? (
          <Text className='tq-venue__text' id='venue-description' userSelect>
            {v.description}
          </Text>
        ) : null}
      </Section>

      <View className='tq-actions tq-venue__actions'>
        <Button id='venue-opinion' className='tq-button' type='primary' size='large' block onClick={() => go(ROUTES.stationOpinionNew, { venueId: v.id, venueName: v.name })}>
          提意见
        </Button>
        {d.posted ? (
          <Button id='venue-visit' className='tq-button' type='primary' fill='outline' size='large' block onClick={() => go(ROUTES.stationVisit, { venueId: v.id })}>
            进站签到
          </Button>
        ) : null}
        {d.manages ? (
          <Button id='venue-door' className='tq-button' fill='outline' size='large' block onClick={() => go(ROUTES.stationDoor, { venueId: v.id })}>
            进站码
          </Button>
        ) : null}
      </View>

      <Section title='在站团代表' id='venue-people'>
        {d.people.length ? (
          d.people.map((p) => (
            <View key={p.userId} id={`venue-person-${p.userId}`} className='tq-list-item tq-row tq-venue__person'>
              <View className='tq-grow'>
                <Text className='tq-list-item__title'>{p.name}</Text>
                <Text className='tq-list-item__meta'>{p.team ? `${POST_LABEL[p.post]} · ${p.team}` : POST_LABEL[p.post]}</Text>
              </View>
              {p.onDuty ? (
                <ToneTag tone='green' solid id={`venue-person-${p.userId}-on-duty`}>
                  在站
                </ToneTag>
              ) : null}
            </View>
          ))
        ) : (
          <EmptyState id='venue-people-empty' text='这里暂时没有派驻的团代表' />
        )}
      </Section>

      <Section title='近期活动' id='venue-activities'>
        {d.activities.length ? (
          d.activities.map((a) => <ActivityCard key={a.id} activity={a} now={now} onClick={() => go(ROUTES.activity, { id: a.id })} />)
        ) : (
          <EmptyState id='venue-activities-empty' text='近期没有安排活动' />
        )}
      </Section>
    </PageShell>
  )
}
