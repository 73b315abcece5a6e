import type { ReactNode } from 'react'
import { Image, Text, View } from '@tarojs/components'
import type { ActivityCardT } from '../../../types/contract/activities'
import { ACTIVITY_KIND_LABEL } from '../../../types/enums'
import { ToneTag } from '../tone-tag'
import { activityStatusLabel, distanceText, signUpLabel } from '../../utils/activity'
import { formatRange } from '../../utils/time'
import './index.scss'

interface Props {
  activity: ActivityCardT
  /** Root id; e2e selectors use `#activity-<id>`. */
  id?: string
  onClick?: () => void
  /** Tags after the kind (e.g. my participation). */
  tags?: ReactNode
  /** Show 草稿/已发布/已取消 (the organizer's list) instead of the sign-up state. */
  showStatus?: boolean
  now?: number
}

/** One activity in a list: its cover picture if any, kind, title, organizer, time, place and distance, places taken and the waitlist. */
export function ActivityCard({ activity: a, id, onClick, tags, showStatus, now = Date.now() }: Props) {
  const state = showStatus ? activityStatusLabel(a.status) : signUpLabel(a, now)
  const distance = distanceText(a.distance)
  const rootId = id ?? `activity-${a.id}`
  return (
    <View id={rootId} className='tq-activity-card' hoverClass='tq-pressed' onClick={onClick}>
      {a.coverUrl ? <Image id={`${rootId}-cover`} className='tq-activity-card__cover' src={a.coverUrl} mode='aspectFill' lazyLoad /> : null}
      <View className='tq-row tq-activity-card__tags'>
        <ToneTag tone='blue'>{ACTIVITY_KIND_LABEL[a.kind]}</ToneTag>
        {state ? <ToneTag tone={state.tone}>{state.text}</ToneTag> : null}
        {tags}
      </View>
      <Text className='tq-activity-card__title'>{a.title}</Text>
      <Text className='tq-activity-card__org'>{a.orgName}</Text>
      <View className='tq-activity-card__line'>
        <Text className='tq-activity-card__key'>时间</Text>
        <Text className='tq-activity-card__value'>{formatRange(a.startAt, a.endAt, now)}</Text>
      </View>
      <View className='tq-activity-card__line'>
        <Text className='tq-activity-card__key'>地点</Text>
        <Text className='tq-activity-card__value'>
          {a.placeName}
          {distance ? <Text className='tq-activity-card__distance'>{` · 距您${distance}`}</Text> : null}
        </Text>
      </View>
      <View className='tq-activity-card__line'>
        <Text className='tq-activity-card__key'>名额</Text>
        <Text className='tq-activity-card__value tq-activity-card__quota'>
          {`${a.signed}/${a.capacity}`}
          {a.waitlisted ? <Text className='tq-activity-card__waitlist'>{` · 候补${a.waitlisted}人`}</Text> : null}
        </Text>
      </View>
    </View>
  )
}
