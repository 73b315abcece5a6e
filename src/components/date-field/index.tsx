import { useState } from 'react'
import { DatePicker } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { calendarDateToPickerDate, formatCalendarDate, pad2 } from '../../utils/time'
import { cx } from '../../utils/cx'
import './index.scss'

interface Props {
  name: string
  /** `YYYY-MM-DD` or '' */
  value: string
  onChange: (value: string) => void
  title: string
  start: Date
  end: Date
  /** Where the wheels start when nothing is chosen yet. */
  initial?: string
}

/** A tappable box showing the date in Chinese; the wheels open in a popup with Chinese units. */
export function DateField({ name, value, onChange, title, start, end, initial = '2000-01-01' }: Props) {
  const [open, setOpen] = useState(false)
  return (
    <View>
      <View id={`${name}-open`} className={cx('tq-select-box tq-date-field', !value && 'tq-select-box--empty')} onClick={() => setOpen(true)}>
        <Text>{value ? formatCalendarDate(value) : '请选择'}</Text>
        <Text className='tq-date-field__arrow'>›</Text>
      </View>
      <DatePicker
        title={title}
        type='date'
        visible={open}
        showChinese
        value={calendarDateToPickerDate(value || initial)}
        startDate={start}
        endDate={end}
        onClose={() => setOpen(false)}
        onCancel={() => setOpen(false)}
        onConfirm={(_options, values) => {
          const [y, m, d] = values
          onChange(`${y}-${pad2(m ?? 1)}-${pad2(d ?? 1)}`)
          setOpen(false)
        }}
      />
    </View>
  )
}
