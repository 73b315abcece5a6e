import { useCallback } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { EmptyState } from '../../../../components/empty-state'
import { LoadState } from '../../../../components/load-state'
import { PageShell, Section } from '../../../../components/page-shell'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { stationApi } from '../../../../services/api/station'
import { ROUTES, go } from '../../../../utils/routes'

/**
 * 我的团代表: the representatives a cadre linked the youth with (两联, representative → youth) and the
 * station where each can be found. Their mobiles are not shown to the youth; they are reached through
 * the station — its page, its opening hours, and an opinion left there, which the station's cadre
 * hands to a representative posted there.
 */
export default function MyRepPage() {
  const load = useCallback(() => stationApi.myRepresentative({}), [])
  const page = usePageLoad(load, 'station.myRepresentative')
  const reps = page.data?.representatives

  return (
    <PageShell id='page-station-my-rep' title='我的团代表' subtitle='联系您的团代表，和可以找到他们的联络站'>
      {!reps ? (
        <LoadState state={page} errorId='my-rep-load-error' retryId='my-rep-retry' />
      ) : reps.length === 0 ? (
        <Section id='my-rep-none'>
          <EmptyState id='my-rep-empty' text='还没有团代表联系您。您也可以在附近的联络站提意见，站里会请团代表答复。' />
          <View className='tq-actions'>
            <Button id='my-rep-venues' className='tq-button' type='primary' size='large' block onClick={() => go(ROUTES.stationVenues)}>
              看看附近的联络站
            </Button>
          </View>
        </Section>
      ) : (
        reps.map((r) => {
          const id = `rep-${r.userId}-${r.venueId}`
          return (
            <Section key={id} id={id} title={r.name}>
              <Text className='tq-list-item__meta' id={`${id}-venue`}>{`派驻：${r.venueName}`}</Text>
              {r.address ? <Text className='tq-list-item__meta' id={`${id}-address`}>{`地址：${r.address}`}</Text> : null}
              {r.hours ? <Text className='tq-list-item__meta' id={`${id}-hours`}>{`开放时间：${r.hours}`}</Text> : null}
              <View className='tq-actions'>
                <Button id={`${id}-opinion`} className='tq-button' type='primary' size='large' block onClick={() => go(ROUTES.stationOpinionNew, { venueId: r.venueId, venueName: r.venueName })}>
                  在这个站提意见
                </Button>
                <Button id={`${id}-station`} className='tq-button' type='primary' fill='outline' size='large' block onClick={() => go(ROUTES.stationVenue, { venueId: r.venueId })}>
                  查看联络站
                </Button>
              </View>
            </Section>
          )
        })
      )}
    </PageShell>
  )
}
