import { useEffect, useState } from 'react'
import { Button, Popup, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { OpinionViewT } from '../../../../../types/contract/station'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { opinionAuthor } from '../../components/opinion-item'

interface Props {
  opinion: OpinionViewT | null
  busy: boolean
  /** Under the box: the schema's word on the text, or the server's refusal. */
  error: string
  onSubmit: (text: string) => void
  onClose: () => void
}

/** The representative's answer to one opinion, in a bottom sheet over the list; the youth reads it as written. */
export function ReplySheet({ opinion, busy, error, onSubmit, onClose }: Props) {
  const [text, setText] = useState('')
  // Another opinion starts with an empty box; the same one (after a refusal) keeps what was written.
  useEffect(() => setText(''), [opinion?.id])

  return (
    <Popup visible={!!opinion} position='bottom' round closeable title='答复意见' onClose={() => !busy && onClose()}>
      {opinion ? (
        <View className='tq-assigned__sheet' id='reply-sheet'>
          <Text className='tq-muted'>{`${opinionAuthor(opinion)}：`}</Text>
          <Text className='tq-assigned__quote'>{opinion.text}</Text>
          <Field name='reply' label='答复内容' required hint='5至1000字。提出意见的青年会看到这条答复，并可以评价。'>
            <TextArea id='reply-input' className='tq-assigned__textarea' value={text} placeholder='写下办理情况或答复' maxLength={1000} showCount disabled={busy} onChange={setText} />
          </Field>
          <Notice id='reply-error'>{error}</Notice>
          <Button id='reply-submit' className='tq-button' type='primary' size='large' block loading={busy} disabled={busy} onClick={() => onSubmit(text)}>
            提交答复
          </Button>
        </View>
      ) : null}
    </Popup>
  )
}
