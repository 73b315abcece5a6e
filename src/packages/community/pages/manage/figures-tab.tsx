import { useCallback } from 'react'
import { Text, View } from '@tarojs/components'
import type { GroupFiguresT } from '../../../../../types/contract/community'
import { LoadState } from '../../../../components/load-state'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { communityApi } from '../../../../services/api/community'
import { hoursText } from '../../../../utils/time'

const LINES: { key: keyof GroupFiguresT; label: string; unit: string }[] = [
  { key: 'members', label: '成员', unit: '人' },
  { key: 'newThisMonth', label: '本月新增', unit: '人' },
  { key: 'active30d', label: '近30天活跃', unit: '人' },
  { key: 'activities', label: '活动', unit: '场' },
  { key: 'hours', label: '服务时长', unit: '小时' },
]

function Block({ id, title, figures }: { id: string; title: string; figures: GroupFiguresT }) {
  return (
    <View className='tq-manage__figures' id={id}>
      <Text className='tq-manage__figures-title'>{title}</Text>
      {LINES.map((l) => (
        <View key={l.key} className='tq-row tq-manage__figure' id={`${id}-${l.key}`}>
          <Text className='tq-grow'>{l.label}</Text>
          <Text className='tq-manage__figure-value'>{`${l.key === 'hours' ? hoursText(figures.hours * 60) : figures[l.key]} ${l.unit}`}</Text>
        </View>
      ))}
    </View>
  )
}

/** 数据: the group's own figures and the tower's below it (each youth counted once). */
export function FiguresTab({ groupId }: { groupId: string }) {
  const load = useCallback(() => communityApi.groupFigures({ groupId }), [groupId])
  const figures = usePageLoad(load, 'community.groupFigures')
  if (!figures.data) return <LoadState state={figures} errorId='figures-error' retryId='figures-retry' />
  const { group, tower } = figures.data
  return (
    <View id='manage-figures'>
      <Block id='figures-group' title='本社群' figures={group} />
      <Block id='figures-tower' title={`连同下级社群（共 ${tower.groups} 个社群）`} figures={tower} />
      <Text className='tq-muted'>近30天活跃：读过公告或参加过社群活动的成员。连同下级社群时，一人在多个社群只算一次。</Text>
    </View>
  )
}
