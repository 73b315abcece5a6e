import { useEffect, useState } from 'react'
import { Button, Popup, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'

export interface ReasonAsk {
  title: string
  /** Who it is about, in a line above the box. */
  about: string
  confirmText: string
  placeholder: string
}

interface Props {
  ask: ReasonAsk | null
  busy: boolean
  /** Under the box: the schema's word on the reason, or the server's refusal. */
  error: string
  onSubmit: (reason: string) => void
  onClose: () => void
}

/** A bottom sheet asking why (不通过 a request, 移出 a member): the youth is shown the reason. */
export function ReasonSheet({ ask, busy, error, onSubmit, onClose }: Props) {
  const [reason, setReason] = useState('')
  // A new question starts with an empty box; the same one asked again (after a refusal) keeps it.
  const asked = ask ? `${ask.title}\u0000${ask.about}` : ''
  useEffect(() => setReason(''), [asked])

  return (
    <Popup visible={!!ask} position='bottom' round closeable title={ask?.title ?? ''} onClose={() => !busy && onClose()}>
      {ask ? (
        <View className='tq-reason-sheet' id='reason-sheet'>
          <Text className='tq-muted'>{ask.about}</Text>
          <Field name='reason' label='原因' required hint='对方会看到这条原因。'>
            <TextArea
              id='reason-input'
              className='tq-reason-sheet__textarea'
              value={reason}
              placeholder={ask.placeholder}
              maxLength={100}
              showCount
              onChange={setReason}
            />
          </Field>
          <Notice id='reason-error'>{error}</Notice>
          <Button id='reason-submit' className='tq-button' type='danger' size='large' block loading={busy} disabled={busy} onClick={() => onSubmit(reason)}>
            {ask.confirmText}
          </Button>
        </View>
      ) : null}
    </Popup>
  )
}
