import { useCallback, useEffect } from 'react'
import { Text } from '@tarojs/components'
import { Field } from '../../../../components/field'
import { ListFooter } from '../../../../components/load-more'
import { SingleChoice } from '../../../../components/choice-group'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { communityApi } from '../../../../services/api/community'
import type { OrgRef } from '../../../../utils/roles'

type GroupRef = { id: string; name: string }

interface Props {
  /** The activity's org: its groups are offered (the server takes only groups of its subtree). */
  org: OrgRef | null
  value: GroupRef | null
  onChange: (group: GroupRef) => void
}

/**
 * The group an activity is for: one of the org's groups (those heading its part of the tower, a page
 * at a time). A saved activity names its group by id only, so its name is asked for once.
 */
export function GroupField({ org, value, onChange }: Props) {
  const orgId = org?.id
  const fetchPage = useCallback((cursor?: string) => communityApi.listGroups({ orgId: orgId!, cursor }), [orgId])
  const list = usePagedList(orgId ? fetchPage : null, 'community.listGroups')

  const unnamed = value && !value.name ? value.id : null
  useEffect(() => {
    if (!unnamed) return
    let live = true
    communityApi
      .getGroup({ groupId: unnamed })
      .then((res) => live && onChange({ id: res.group.id, name: res.group.name }))
      // Out of the cadre's scope, or gone: the choice stays, shown as 已选社群, and saving says why.
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [unnamed, onChange])

  const choices = list.items.map((g) => ({ value: g.id, label: g.name }))
  if (value && !choices.some((c) => c.value === value.id)) choices.unshift({ value: value.id, label: value.name || '已选社群' })

  if (!org) {
    return (
      <Field name='edit-group' label='哪个社群' required>
        <Text className='tq-muted'>请先选择主办组织。</Text>
      </Field>
    )
  }
  return (
    <Field name='edit-group' label='哪个社群' required hint='这个社群及其下级社群的成员可以报名。'>
      {choices.length ? (
        <SingleChoice
          name='edit-group'
          choices={choices}
          value={value?.id}
          onChange={(id) => onChange({ id, name: choices.find((c) => c.value === id)?.label ?? '' })}
        />
      ) : null}
      <ListFooter list={list} id='edit-group-more' emptyText={`${org.name}还没有社群。`} />
    </Field>
  )
}
