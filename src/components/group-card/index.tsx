import type { ReactNode } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { GROUP_KIND_LABELS, JOIN_POLICY_LABELS, type GroupCardT } from '../../../types/contract/community'
import { ToneTag } from '../tone-tag'
import './index.scss'

export { JOIN_POLICY_LABELS }

/** Capacity reached: the server refuses the next join with GROUP.FULL. */
export function isFull(g: Pick<GroupCardT, 'members' | 'capacity'>): boolean {
  return g.capacity !== null && g.members >= g.capacity
}

/** 「成员 12 人」, or 「成员 12/50 人」 where the group has a limit. */
export function membersText(g: Pick<GroupCardT, 'members' | 'capacity'>): string {
  return g.capacity === null ? `成员 ${g.members} 人` : `成员 ${g.members}/${g.capacity} 人`
}

interface Props {
  group: GroupCardT
  /** Root id; defaults to `group-<id>`. */
  id?: string
  onClick?: () => void
  /** Tags after the kind and the join policy (the youth's role, 审核中). */
  badges?: ReactNode
  /** Why it is suggested (为你推荐). */
  reason?: string
}

/**
 * One group in a list: its cover (or the first character of its name), name, kind, how it is joined,
 * org, members against the limit, its tags — and, when suggested, why.
 */
export function GroupCard({ group: g, id, onClick, badges, reason }: Props) {
  const rootId = id ?? `group-${g.id}`
  const full = isFull(g)
  return (
    <View id={rootId} className='tq-group-card' hoverClass='tq-pressed' onClick={onClick}>
      <View className='tq-group-card__picture'>
        {g.coverUrl ? (
          <Image className='tq-group-card__image' src={g.coverUrl} mode='aspectFill' lazyLoad />
        ) : (
          <Text className='tq-group-card__initial'>{Array.from(g.name)[0] ?? ''}</Text>
        )}
      </View>
      <View className='tq-group-card__body'>
        <Text className='tq-group-card__name'>{g.name}</Text>
        <View className='tq-row tq-group-card__tags'>
          <ToneTag tone='blue'>{GROUP_KIND_LABELS[g.kind]}</ToneTag>
          {g.joinPolicy !== 'open' ? <ToneTag tone='grey'>{JOIN_POLICY_LABELS[g.joinPolicy]}</ToneTag> : null}
          {badges}
        </View>
        <Text className='tq-group-card__org'>{g.orgName}</Text>
        <Text className='tq-group-card__members' id={`${rootId}-members`}>
          {membersText(g)}
          {full ? <Text className='tq-group-card__full'>{' · 已满'}</Text> : null}
        </Text>
        {g.tags.length ? <Text className='tq-group-card__labels'>{g.tags.slice(0, 4).map((t) => `#${t}`).join(' ')}</Text> : null}
        {reason ? (
          <Text className='tq-group-card__reason' id={`${rootId}-reason`}>
            {reason}
          </Text>
        ) : null}
      </View>
    </View>
  )
}
