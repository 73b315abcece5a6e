import { useState } from 'react'
import { Button, Input } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { ToneTag } from '../tone-tag'
import './index.scss'

interface Props {
  name: string
  value: string[]
  onChange: (value: string[]) => void
  placeholder?: string
  max?: number
}

/** Short free-text tags (专业特长, 兴趣爱好): type, tap 添加, tap a tag's × to remove. */
export function TagInput({ name, value, onChange, placeholder, max = 10 }: Props) {
  const [draft, setDraft] = useState('')
  const add = () => {
    const text = draft.trim()
    if (!text) return
    // Duplicates and over-long tags are left to the shared schema, which explains them in Chinese.
    onChange([...value, text])
    setDraft('')
  }
  return (
    <View className='tq-tag-input'>
      {value.length ? (
        <View className='tq-tags tq-tag-input__tags'>
          {value.map((tag, i) => (
            <ToneTag key={`${tag}-${i}`} tone='red' onClose={() => onChange(value.filter((_, j) => j !== i))}>
              {tag}
            </ToneTag>
          ))}
        </View>
      ) : null}
      {value.length < max ? (
        <View className='tq-row'>
          <Input
            id={`${name}-input`}
            className='tq-input tq-grow'
            value={draft}
            placeholder={placeholder}
            maxLength={20}
            confirmType='done'
            onChange={setDraft}
            onConfirm={add}
          />
          <Button id={`${name}-add`} className='tq-tag-input__add' type='primary' fill='outline' onClick={add}>
            添加
          </Button>
        </View>
      ) : null}
    </View>
  )
}
