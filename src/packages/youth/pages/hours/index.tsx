import { useCallback, useEffect, useState } from 'react'
import { Button, Progress } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { OutputOf } from '../../../../../types/contract/common'
import type { HoursContract } from '../../../../../types/contract/hours'
import type { PointsContract } from '../../../../../types/contract/points'
import { PageShell, Section } from '../../../../components/page-shell'
import { Notice } from '../../../../components/notice'
import { Stars } from '../../../../components/stars'
import { ToneTag } from '../../../../components/tone-tag'
import { ListFooter } from '../../../../components/load-more'
import { useListPage } from '../../../../hooks/use-list-page'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { toApiError } from '../../../../services/api'
import { hoursApi } from '../../../../services/api/hours'
import { pointsApi } from '../../../../services/api/points'
import { reviewLabel, starPercent } from '../../../../utils/activity'
import { figuresText } from '../../../../utils/mall'
import { ROUTES, go } from '../../../../utils/routes'
import { formatDate, hoursText } from '../../../../utils/time'
import './index.scss'

type StarProgressT = OutputOf<HoursContract, 'myHours'>
type Balance = OutputOf<PointsContract, 'balance'>
type HourRecord = OutputOf<HoursContract, 'myRecords'>['items'][number]

function Summary({ p }: { p: StarProgressT }) {
  return (
    <View className='tq-hours__card' id='hours-summary'>
      <Text className='tq-hours__label'>累计志愿服务时长</Text>
      <View className='tq-hours__total-row'>
        <Text className='tq-hours__total' id='hours-total'>
          {hoursText(p.totalMinutes)}
        </Text>
        <Text className='tq-hours__unit'>小时</Text>
      </View>
      <View className='tq-hours__stars'>
        <Stars id='hours-stars' count={p.stars} />
        <Text className='tq-hours__star-text'>{p.stars ? `${p.stars}星志愿者` : '尚未获得星级'}</Text>
      </View>
      <View className='tq-hours__next' id='hours-next'>
        <Progress percent={starPercent(p)} color='#ffd666' background='rgba(255,255,255,0.3)' strokeWidth='8' />
        <Text className='tq-hours__next-text' id='hours-next-text'>
          {p.next
            ? `再服务 ${hoursText(p.next.remainingMinutes)} 小时，成为${p.next.stars}星志愿者（${hoursText(p.next.minutes)}小时）`
            : '已是最高星级，感谢您的坚持！'}
        </Text>
      </View>
      <View className='tq-hours__split'>
        <View className='tq-hours__split-item'>
          <Text className='tq-hours__split-value' id='hours-attended'>{`${hoursText(p.attendedMinutes)}小时`}</Text>
          <Text className='tq-hours__split-label'>信用时长（签到签退）</Text>
        </View>
        <View className='tq-hours__split-item'>
          <Text className='tq-hours__split-value' id='hours-declared'>{`${hoursText(p.declaredMinutes)}小时`}</Text>
          <Text className='tq-hours__split-label'>荣誉时长（申报补录）</Text>
        </View>
      </View>
    </View>
  )
}

function RecordItem({ r }: { r: HourRecord }) {
  const review = reviewLabel(r.review)
  return (
    <View className='tq-list-item tq-hours__record' id={`record-${r.id}`}>
      <View className='tq-row'>
        <Text className='tq-list-item__title tq-grow'>{r.title}</Text>
        <Text className='tq-hours__minutes'>{`${hoursText(r.minutes)}小时`}</Text>
      </View>
      <View className='tq-row tq-hours__record-meta'>
        <Text className='tq-muted'>{formatDate(r.at)}</Text>
        <ToneTag tone={r.source === 'attended' ? 'blue' : 'grey'}>{r.source === 'attended' ? '信用时长' : '荣誉时长'}</ToneTag>
        {review ? <ToneTag tone={review.tone}>{review.text}</ToneTag> : null}
        {r.points ? <Text className='tq-hours__points-plus'>{`+${r.points} 益币`}</Text> : null}
      </View>
    </View>
  )
}

export default function HoursPage() {
  const [progress, setProgress] = useState<StarProgressT | null>(null)
  const [balance, setBalance] = useState<Balance | null>(null)
  const [error, setError] = useState('')

  const loadSummary = useCallback(async () => {
    setError('')
    const [p, b] = await Promise.allSettled([hoursApi.myHours({}), pointsApi.balance({})])
    if (p.status === 'fulfilled') setProgress(p.value)
    if (b.status === 'fulfilled') setBalance(b.value)
    const failed = p.status === 'rejected' ? p.reason : b.status === 'rejected' ? b.reason : null
    if (failed) setError(toApiError(failed, 'hours summary').message)
  }, [])

  const fetchRecords = useCallback((cursor?: string) => hoursApi.myRecords({ cursor }), [])
  const records = usePagedList(fetchRecords, 'activity.myRecords')

  useEffect(() => {
    void loadSummary()
  }, [loadSummary])

  useListPage(records, { alsoRefresh: loadSummary })

  return (
    <PageShell id='page-hours' title='我的时长'>
      <Notice>{error}</Notice>
      {progress ? <Summary p={progress} /> : null}

      <Section title='益币' id='points'>
        <View className='tq-row tq-hours__balance-row'>
          <View className='tq-grow'>
            <Text className='tq-hours__balance' id='points-balance'>
              {balance ? String(balance.balance) : '—'}
            </Text>
            <Text className='tq-muted'>{' 益币可用'}</Text>
          </View>
          {balance ? <Text className='tq-muted' id='points-earned'>{figuresText(balance)}</Text> : null}
        </View>
        <Text className='tq-muted tq-hours__points-note'>签到签退的信用时长审核通过后发放益币；申报的荣誉时长计入星级，不发益币。</Text>
        {/* The 益币 history and the mall live in packages/mall (one ledger page, not two). */}
        <View className='tq-hours__buttons tq-hours__points-links'>
          <Button id='points-ledger-link' className='tq-button tq-hours__button' fill='outline' onClick={() => go(ROUTES.mallLedger)}>
            益币明细
          </Button>
          <Button id='points-mall-link' className='tq-button tq-hours__button' type='primary' fill='outline' onClick={() => go(ROUTES.points)}>
            兑换物资
          </Button>
        </View>
      </Section>

      <View className='tq-hours__buttons'>
        <Button id='hours-declare' className='tq-button tq-hours__button' type='primary' size='large' onClick={() => go(ROUTES.declare)}>
          申报时长
        </Button>
        <Button id='hours-certificate' className='tq-button tq-hours__button' size='large' onClick={() => go(ROUTES.certificate)}>
          志愿服务证明
        </Button>
      </View>

      <Section title='时长记录' id='hours-records' className='tq-hours__list'>
        {records.items.map((r) => (
          <RecordItem key={`${r.kind}-${r.id}`} r={r} />
        ))}
        <ListFooter list={records} id='hours-records-more' emptyText='还没有时长记录，报名参加活动吧' />
      </Section>
    </PageShell>
  )
}
