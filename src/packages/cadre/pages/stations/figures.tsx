import { useCallback } from 'react'
import { Text, View } from '@tarojs/components'
import type { z } from 'zod'
import type { Figures } from '../../../../../types/contract/station'
import { LoadState } from '../../../../components/load-state'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { stationApi } from '../../../../services/api/station'

type FiguresT = z.infer<typeof Figures>

const COLUMNS: { key: keyof Omit<FiguresT, 'month'>; label: string }[] = [
  { key: 'activities', label: '活动' },
  { key: 'attendances', label: '人次' },
  { key: 'youth', label: '覆盖青年' },
  { key: 'visits', label: '接待' },
]

/** `2026-03` → 3月. */
function monthLabel(month: string): string {
  return `${Number(month.slice(5, 7))}月`
}

function Row({ id, label, f }: { id: string; label: string; f: FiguresT }) {
  return (
    <View className='tq-row tq-stations__tr' id={id}>
      <Text className='tq-stations__td tq-stations__td--head'>{label}</Text>
      {COLUMNS.map((c) => (
        <Text key={c.key} className='tq-stations__td' id={`${id}-${c.key}`}>
          {String(f[c.key])}
        </Text>
      ))}
    </View>
  )
}

/** A venue's year: per month the activities held, check-ins (人次), distinct youth and visits; and how its opinions were handled. */
export function VenueFigures({ venueId, year }: { venueId: string; year: number }) {
  const load = useCallback(() => stationApi.stationFigures({ venueId, year }), [venueId, year])
  const figures = usePageLoad(load, 'station.stationFigures')
  const id = `figures-${venueId}`
  if (!figures.data) return <LoadState state={figures} errorId={`${id}-error`} retryId={`${id}-retry`} />
  const { months, year: total, opinions } = figures.data
  const shown = months.filter((m) => m.activities || m.attendances || m.youth || m.visits)
  return (
    <View id={id} className='tq-stations__figures'>
      <Text className='tq-stations__figures-title'>{`${year}年覆盖`}</Text>
      <View className='tq-row tq-stations__tr tq-stations__tr--head'>
        <Text className='tq-stations__td tq-stations__td--head'>月份</Text>
        {COLUMNS.map((c) => (
          <Text key={c.key} className='tq-stations__td'>
            {c.label}
          </Text>
        ))}
      </View>
      {shown.map((m) => (
        <Row key={m.month} id={`${id}-${m.month}`} label={monthLabel(m.month)} f={m} />
      ))}
      {shown.length === 0 ? <Text className='tq-muted'>今年还没有活动和接待记录。</Text> : null}
      <Row id={`${id}-year`} label='全年' f={total} />
      <Text className='tq-muted'>覆盖青年按人去重：同一位青年一个月里来多次只算一人，全年也只算一人。</Text>
      <Text className='tq-stations__figures-title'>意见办理</Text>
      <Text id={`${id}-opinions`} className='tq-list-item__meta'>
        {`收到 ${opinions.received} 条 · 已答复 ${opinions.replied} 条 · 已办结 ${opinions.closed} 条 · 超期未答复 ${opinions.overdue} 条`}
      </Text>
      <Text id={`${id}-opinion-speed`} className='tq-list-item__meta'>
        {`答复用时中位数：${opinions.medianReplyHours === null ? '暂无' : `${opinions.medianReplyHours}小时`} · 满意度：${
          opinions.satisfaction === null ? '暂无评价' : `${opinions.satisfaction}分（${opinions.rated}人评价）`
        }`}
      </Text>
    </View>
  )
}
