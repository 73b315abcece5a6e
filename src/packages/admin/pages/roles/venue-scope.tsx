import { useCallback } from 'react'
import { Text, View } from '@tarojs/components'
import { VENUE_KIND_LABEL, VENUE_ROLES, type Role } from '../../../../../types/enums'
import type { VenueViewT } from '../../../../../types/contract/venues'
import { Field } from '../../../../components/field'
import { ListFooter } from '../../../../components/load-more'
import { SingleChoice } from '../../../../components/choice-group'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { venuesApi } from '../../../../services/api/venues'
import type { OrgRef } from '../../../../utils/roles'
import { cx } from '../../../../utils/cx'
import './venue-scope.scss'

/** Where a role is held: the whole org subtree, or one venue in it. */
export type Scope = { at: 'org' } | { at: 'venue'; venue: VenueViewT | null }

export const ORG_SCOPE: Scope = { at: 'org' }

const choices = (role: Role) => [
  { value: 'org' as const, label: '整个组织' },
  { value: 'venue' as const, label: role === 'clerk' ? '指定兑换点' : '指定场所' },
]

export function isVenueRole(role: Role): boolean {
  return VENUE_ROLES.includes(role)
}

/** Where a role or invite is held: its org, or the venue (and the venue's org) for a venue-scoped one. */
export function placeOf(r: { orgName: string; venueName?: string | null }): string {
  return r.venueName ? `${r.venueName}（${r.orgName}）` : r.orgName
}

/** The venue a scope names for this role, or a message when one still has to be picked. */
export function venueOf(scope: Scope, role: Role): { venueId?: string; missing?: string } {
  if (scope.at === 'org' || !isVenueRole(role)) return {}
  return scope.venue ? { venueId: scope.venue.id } : { missing: '请选择一个兑换点' }
}

interface Props {
  /** Prefix of element ids: `<name>-org`, `<name>-venue`, `<name>-pick-<venueId>`. */
  name: string
  org: OrgRef
  role: Role
  value: Scope
  onChange: (scope: Scope) => void
  error?: string
}

/**
 * For a 核销员 or 团代表: held at the whole org (every venue under it) or at one open venue of the
 * org's subtree — a clerk at one pickup point verifies there and nowhere else, and manages nothing.
 * Managing roles are always held at an org, so for them this shows nothing (and venueOf names none).
 * The page resets the scope when the org changes: a venue of the old org does not belong to the new one.
 */
export function VenueScope({ name, org, role, value, onChange, error }: Props) {
  const choosing = isVenueRole(role) && value.at === 'venue'
  const fetchPage = useCallback((cursor?: string) => venuesApi.listVenues({ orgId: org.id, status: 'open', cursor }), [org.id])
  const list = usePagedList(choosing ? fetchPage : null, 'points.listVenues')

  if (!isVenueRole(role)) return null
  return (
    <Field
      name={name}
      label='任职范围'
      required
      error={error}
      hint={
        value.at === 'venue'
          ? `只在所选${role === 'clerk' ? '兑换点' : '场所'}任职，不管理「${org.name}」的其他事务。`
          : role === 'clerk'
            ? `在「${org.name}」及下级组织的所有兑换点都可核销。`
            : `在「${org.name}」及下级组织任职。`
      }
    >
      <SingleChoice name={name} choices={choices(role)} value={value.at} onChange={(at) => onChange(at === 'org' ? ORG_SCOPE : { at: 'venue', venue: null })} />
      {choosing ? (
        <View className='tq-venue-scope__list' id={`${name}-venues`}>
          {list.items.map((v) => {
            const on = value.at === 'venue' && value.venue?.id === v.id
            return (
              <View key={v.id} id={`${name}-pick-${v.id}`} className={cx('tq-list-item', on && 'tq-venue-scope__pick--on')} onClick={() => onChange({ at: 'venue', venue: v })}>
                <Text className='tq-list-item__title'>{`${on ? '✓ ' : ''}${v.name}`}</Text>
                <Text className='tq-list-item__meta'>{`${VENUE_KIND_LABEL[v.kind]} · ${v.orgName} · ${v.address}`}</Text>
              </View>
            )
          })}
          <ListFooter list={list} id={`${name}-more`} emptyText='这个组织还没有开放的兑换点，请先在「兑换点管理」中新建' />
        </View>
      ) : null}
    </Field>
  )
}
