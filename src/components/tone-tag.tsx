import type { PropsWithChildren } from 'react'
import { Tag } from '@nutui/nutui-react-taro'
import { Text } from '@tarojs/components'
import { idProp } from '../utils/cx'
import './tone-tag.scss'

/** Calm colours with enough contrast on white (NutUI's plain tags are all black otherwise). */
const TONES = {
  red: '#c8102e',
  blue: '#1f5fbf',
  orange: '#b35900',
  green: '#2b7a0b',
  grey: '#6b6b73',
} as const

export type Tone = keyof typeof TONES

/** An outlined tag; `solid` fills it; `onClose` adds a ×. `id` lands on the text (NutUI's Tag does not pass it on). */
export function ToneTag({
  tone = 'grey',
  solid,
  id,
  onClose,
  children,
}: PropsWithChildren<{ tone?: Tone; solid?: boolean; id?: string; onClose?: () => void }>) {
  return (
    <Tag
      plain={!solid}
      background={TONES[tone]}
      closeable={!!onClose}
      // NutUI's own × is 8px and white; ours is a finger-sized target in the tag's colour.
      closeIcon={onClose ? <Text className='tq-tone-tag__close' style={{ color: solid ? '#fff' : TONES[tone] }}>×</Text> : undefined}
      onClose={onClose}
    >
      <Text {...idProp(id)}>{children}</Text>
    </Tag>
  )
}
