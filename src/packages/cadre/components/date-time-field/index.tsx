import { useState } from 'react'
import { DatePicker } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { shanghaiEpoch, splitShanghai } from '../../../../../types/day'
import { calendarDateToPickerDate, formatCalendarDate, pad2, todayInShanghai } from '../../../../utils/time'
import { cx } from '../../../../utils/cx'
import './index.scss'

interface Props {
  /** Ids: `<name>-date-open`, `<name>-time-open`. */
  name: string
  /** Epoch ms, or null while not chosen. */
  value: number | null
  onChange: (ms: number) => void
  title: string
  /** Time chosen when only the date has been picked. */
  defaultTime?: string
}

/** A date box and a time box (Shanghai wall clock): two short wheels instead of one long one. */
export function DateTimeField({ name, value, onChange, title, defaultTime = '09:00' }: Props) {
  const [open, setOpen] = useState<'' | 'date' | 'time'>('')
  const parts = value === null ? null : splitShanghai(value)
  const date = parts?.date ?? ''
  const time = parts?.time ?? ''
  const now = new Date()
  const set = (d: string, t: string) => {
    const ms = shanghaiEpoch(d, t)
    if (ms !== null) onChange(ms)
  }
  const [hh, mm] = (time || defaultTime).split(':').map(Number)

  return (
    <View>
      <View className='tq-row tq-dt-field'>
        <View id={`${name}-date-open`} className={cx('tq-select-box tq-grow', !date && 'tq-select-box--empty')} onClick={() => setOpen('date')}>
          <Text>{date ? formatCalendarDate(date) : '选择日期'}</Text>
        </View>
        <View id={`${name}-time-open`} className={cx('tq-select-box tq-dt-field__box--time', !time && 'tq-select-box--empty')} onClick={() => setOpen('time')}>
          <Text>{time || '时间'}</Text>
        </View>
      </View>
      <DatePicker
        title={`${title}：日期`}
        type='date'
        visible={open === 'date'}
        showChinese
        value={calendarDateToPickerDate(date || todayInShanghai())}
        startDate={new Date(now.getFullYear() - 1, 0, 1)}
        endDate={new Date(now.getFullYear() + 2, 11, 31)}
        onClose={() => setOpen('')}
        onCancel={() => setOpen('')}
        onConfirm={(_options, values) => {
          const [y, m, d] = values
          set(`${y}-${pad2(m ?? 1)}-${pad2(d ?? 1)}`, time || defaultTime)
          setOpen('')
        }}
      />
      <DatePicker
        title={`${title}：时间`}
        type='hour-minutes'
        visible={open === 'time'}
        showChinese
        minuteStep={5}
        // Inside the picker's default date range (it clamps anything older to 00:00).
        value={new Date(now.getFullYear(), now.getMonth(), now.getDate(), hh || 0, mm || 0)}
        onClose={() => setOpen('')}
        onCancel={() => setOpen('')}
        onConfirm={(_options, values) => {
          const [h, m] = values
          set(date || todayInShanghai(), `${pad2(h ?? 0)}:${pad2(m ?? 0)}`)
          setOpen('')
        }}
      />
    </View>
  )
}
