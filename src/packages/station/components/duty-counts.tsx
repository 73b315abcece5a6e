import { Text, View } from '@tarojs/components'
import { DUTY_TYPES, DUTY_TYPE_LABEL, type DutyYearT } from '../../../../types/contract/station'
import { cx } from '../../../utils/cx'
import { todayInShanghai } from '../../../utils/time'
import './duty-counts.scss'

/** This year and the one before, in Shanghai: a year's duties are looked back on into the next January. */
export function dutyYears(now: number = Date.now()): { value: string; label: string }[] {
  const year = Number(todayInShanghai(now).slice(0, 4))
  return [year, year - 1].map((y) => ({ value: String(y), label: `${y}年` }))
}

/** 还差1 when short, ✓ once the minimum is met; a type with no minimum shows only its count. */
export function dutyMark(count: number, minimum: number): string {
  if (minimum <= 0) return ''
  return count >= minimum ? '✓' : `还差${minimum - count}`
}

/**
 * 宣讲 / 调研 / 服务 / 座谈 against the year's minimum: each cell `id="<id>-<type>"`, the ones still
 * short marked so a reader sees them first.
 */
export function DutyCounts({ duty, id }: { duty: Pick<DutyYearT, 'counts' | 'minimum'>; id: string }) {
  return (
    <View className='tq-duty-counts' id={id}>
      {DUTY_TYPES.map((t) => {
        const count = duty.counts[t]
        const minimum = duty.minimum[t]
        const short = minimum > 0 && count < minimum
        const mark = dutyMark(count, minimum)
        return (
          <View key={t} id={`${id}-${t}`} className={cx('tq-duty-counts__cell', short && 'tq-duty-counts__cell--short')}>
            <Text className='tq-duty-counts__label'>{DUTY_TYPE_LABEL[t]}</Text>
            <Text className='tq-duty-counts__value'>{minimum > 0 ? `${count}/${minimum}` : String(count)}</Text>
            {mark ? <Text className='tq-duty-counts__mark'>{mark}</Text> : <Text className='tq-duty-counts__mark tq-muted'>不作要求</Text>}
          </View>
        )
      })}
    </View>
  )
}
