import { useCallback } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { GROUP_KIND_LABELS, type GroupViewT } from '../../../../../types/contract/community'
import { ListFooter } from '../../../../components/load-more'
import { ToneTag } from '../../../../components/tone-tag'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { communityApi } from '../../../../services/api/community'
import { ListRetry } from '../../../../components/list-retry'

export interface NodeActions {
  manage: (g: GroupViewT) => void
  edit: (g: GroupViewT, parentName: string | null) => void
  move: (g: GroupViewT) => void
  addChild: (g: GroupViewT) => void
}

interface Props {
  group: GroupViewT
  level: number
  /** The group above, for the edit form's fixed 上级社群 line. */
  parentName: string | null
  /** The tower's org: a group of another org says whose it is. */
  orgId: string
  expanded: Record<string, boolean>
  toggle: (id: string) => void
  actions: NodeActions
}

/** The direct children of an open group, a page at a time (listGroups by parent). */
function Children({ parent, level, orgId, expanded, toggle, actions }: Omit<Props, 'group' | 'parentName'> & { parent: GroupViewT }) {
  const fetchPage = useCallback((cursor?: string) => communityApi.listGroups({ parentGroupId: parent.id, cursor }), [parent.id])
  const list = usePagedList<GroupViewT>(fetchPage, 'community.listGroups')
  return (
    <View className='tq-group-node__children' id={`group-${parent.id}-children`}>
      {list.items.map((child) => (
        <GroupNode key={child.id} group={child} level={level + 1} parentName={parent.name} orgId={orgId} expanded={expanded} toggle={toggle} actions={actions} />
      ))}
      <ListFooter list={list} id={`group-${parent.id}-more`} emptyText='暂无下级社群' />
      <ListRetry list={list} id={`group-${parent.id}-retry`} />
    </View>
  )
}

/** One group of the tower: its members and reach; a tap opens its children and what can be done with it. */
export function GroupNode({ group: g, level, parentName, orgId, expanded, toggle, actions }: Props) {
  const open = !!expanded[g.id]
  return (
    <View className='tq-group-node' style={{ marginLeft: `${Math.min(level, 4) * 14}px` }}>
      <View id={`group-${g.id}`} className='tq-group-node__row' hoverClass='tq-pressed' onClick={() => toggle(g.id)}>
        <Text className='tq-group-node__toggle'>{open ? '▾' : '▸'}</Text>
        <View className='tq-grow'>
          <View className='tq-row'>
            <Text className='tq-group-node__name'>{g.name}</Text>
            <ToneTag tone='blue'>{GROUP_KIND_LABELS[g.kind]}</ToneTag>
          </View>
          <Text id={`group-${g.id}-figures`} className='tq-group-node__figures'>
            {`成员 ${g.members} 人${g.capacity !== null ? ` / 上限 ${g.capacity} 人` : ''} · 覆盖青年 ${g.reach} 人`}
          </Text>
          {g.orgId !== orgId ? <Text className='tq-muted'>{g.orgName}</Text> : null}
        </View>
      </View>
      {open ? (
        <>
          <View className='tq-row tq-group-node__actions'>
            <Button id={`group-${g.id}-manage`} type='primary' fill='outline' onClick={() => actions.manage(g)}>
              管理
            </Button>
            <Button id={`group-${g.id}-edit`} fill='outline' onClick={() => actions.edit(g, parentName)}>
              编辑
            </Button>
            <Button id={`group-${g.id}-move`} fill='outline' onClick={() => actions.move(g)}>
              移动
            </Button>
            <Button id={`group-${g.id}-add`} fill='outline' onClick={() => actions.addChild(g)}>
              新建下级
            </Button>
          </View>
          <Children parent={g} level={level} orgId={orgId} expanded={expanded} toggle={toggle} actions={actions} />
        </>
      ) : null}
    </View>
  )
}
