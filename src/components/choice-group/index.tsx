import { Checkbox, Radio } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import './index.scss'

export interface Choice<T extends string> {
  value: T
  label: string
}

/** Labels from a `*_LABEL` map, in the map's order. */
export function choicesOf<T extends string>(labels: Record<T, string>): Choice<T>[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }))
}

interface SingleProps<T extends string> {
  name: string
  choices: Choice<T>[]
  value: T | '' | null | undefined
  onChange: (value: T) => void
}

/** One of a few: big buttons, one tap, no picker wheel. Each option gets `id="<name>-<value>"`. */
export function SingleChoice<T extends string>({ name, choices, value, onChange }: SingleProps<T>) {
  return (
    <Radio.Group
      className='tq-choices'
      direction='horizontal'
      value={value ?? ''}
      onChange={(v) => onChange(String(v) as T)}
    >
      {choices.map((c) => (
        <Radio key={c.value} className='tq-choice' value={c.value} shape='button'>
          {/* NutUI's Radio does not pass `id` on; the label carries it and a tap bubbles up. */}
          <Text id={`${name}-${c.value}`} className='tq-choice__label'>
            {c.label}
          </Text>
        </Radio>
      ))}
    </Radio.Group>
  )
}

interface MultiProps<T extends string> {
  name: string
  choices: Choice<T>[]
  value: T[]
  onChange: (value: T[]) => void
}

/** Any of several, as toggle buttons. Each option gets `id="<name>-<value>"`. */
export function MultiChoice<T extends string>({ name, choices, value, onChange }: MultiProps<T>) {
  return (
    <View className='tq-choices-wrap'>
      <Checkbox.Group
        className='tq-choices'
        direction='horizontal'
        value={value}
        onChange={(v) => onChange(choices.map((c) => c.value).filter((c) => v.includes(c)))}
      >
        {choices.map((c) => (
          <Checkbox key={c.value} id={`${name}-${c.value}`} className='tq-choice' value={c.value} shape='button' label={c.label} />
        ))}
      </Checkbox.Group>
    </View>
  )
}
