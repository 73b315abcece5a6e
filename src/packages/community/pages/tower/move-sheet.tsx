import { useCallback, useEffect, useState } from 'react'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { ScrollView, Text, View } from '@tarojs/components'
import type { GroupViewT } from '../../../../../types/contract/community'
import { ListFooter } from '../../../../components/load-more'
import { Notice } from '../../../../components/notice'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { toApiError } from '../../../../services/api'
import { communityApi } from '../../../../services/api/community'
import type { OrgRef } from '../../../../utils/roles'
import { ListRetry } from '../../../../components/list-retry'
import { cx } from '../../../../utils/cx'

interface Props {
  /** The group being moved; null: the sheet is closed. */
  group: GroupViewT | null
  /** The tower's org: the choice starts from its top groups. */
  org: OrgRef
  onClose: () => void
  onMoved: (message: string) => void
}

/**
 * A new place for a group, like the org picker's cascade but over groups: the org's top groups, a tap
 * opens one's children, 「移到…之下」 chooses the group opened, 「移到塔群顶层」 takes it to the top.
 * The group itself cannot be opened or chosen, so nothing below it is offered either (the server
 * refuses a cycle all the same: GROUP.CYCLE).
 */
export function MoveSheet({ group, org, onClose, onMoved }: Props) {
  const [path, setPath] = useState<GroupViewT[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const current = path[path.length - 1] ?? null

  useEffect(() => {
    setPath([])
    setError('')
  }, [group?.id])

  const fetchPage = useCallback(
    (cursor?: string) => (current ? communityApi.listGroups({ parentGroupId: current.id, cursor }) : communityApi.listGroups({ orgId: org.id, cursor })),
    [current, org.id],
  )
  const level = usePagedList<GroupViewT>(group ? fetchPage : null, 'community.listGroups')

  const move = async (to: GroupViewT | null) => {
    if (!group || busy) return
    setError('')
    setBusy(true)
    try {
      const { moved } = await communityApi.moveGroup({ groupId: group.id, newParentId: to?.id ?? null })
      onMoved(to ? `已把「${group.name}」移到「${to.name}」之下（共 ${moved} 个社群）。` : `已把「${group.name}」移到塔群顶层（共 ${moved} 个社群）。`)
    } catch (e) {
      setError(toApiError(e, 'community.moveGroup').message)
    } finally {
      setBusy(false)
    }
  }

  const stayed = current ? current.id === group?.parentId : group?.parentId === null
  return (
    <Popup visible={!!group} position='bottom' round closeable title='移动社群' onClose={onClose}>
      {group ? (
        <View className='tq-move-sheet' id='move-sheet'>
          <Text className='tq-muted'>{`把「${group.name}」连同它的下级社群移到：`}</Text>
          <View className='tq-move-sheet__crumbs'>
            <Text className={cx('tq-move-sheet__crumb', !current && 'tq-move-sheet__crumb--on')} onClick={() => setPath([])}>
              {org.name}
            </Text>
            {path.map((g, i) => (
              <Text key={g.id} className={cx('tq-move-sheet__crumb', i === path.length - 1 && 'tq-move-sheet__crumb--on')} onClick={() => setPath(path.slice(0, i + 1))}>
                {` › ${g.name}`}
              </Text>
            ))}
          </View>
          {current ? (
            <Button id='move-here' type='primary' block className='tq-move-sheet__choose' loading={busy} disabled={busy || stayed} onClick={() => void move(current)}>
              {stayed ? `已在「${current.name}」之下` : `移到「${current.name}」之下`}
            </Button>
          ) : (
            <Button id='move-top' type='primary' fill='outline' block className='tq-move-sheet__choose' loading={busy} disabled={busy || stayed} onClick={() => void move(null)}>
              {stayed ? '已在塔群顶层' : '移到塔群顶层'}
            </Button>
          )}
          <Notice id='move-error'>{error}</Notice>
          <ScrollView scrollY className='tq-move-sheet__list'>
            {level.items.map((g) => {
              const self = g.id === group.id
              return (
                <View
                  key={g.id}
                  id={`move-option-${g.id}`}
                  className={cx('tq-move-sheet__item', self && 'tq-move-sheet__item--disabled')}
                  onClick={() => !self && setPath([...path, g])}
                >
                  <View className='tq-grow'>
                    <Text className='tq-move-sheet__name'>{g.name}</Text>
                    <Text className='tq-muted'>{self ? '正在移动的社群' : `${g.orgName} · 成员 ${g.members} 人`}</Text>
                  </View>
                  {self ? null : <Text className='tq-move-sheet__arrow'>›</Text>}
                </View>
              )
            })}
            <ListFooter list={level} id='move-more' emptyText={current ? '这个社群没有下级社群，可直接点上面的按钮。' : '这个组织还没有社群。'} />
            <ListRetry list={level} id='move-retry' />
          </ScrollView>
        </View>
      ) : null}
    </Popup>
  )
}
