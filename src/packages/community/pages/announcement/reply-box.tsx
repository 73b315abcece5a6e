import { useRef, useState } from 'react'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { communityContract, type ReplyViewT } from '../../../../../types/contract/community'
import type { ErrorCode } from '../../../../../types/errors'
import { Notice } from '../../../../components/notice'
import { toApiError } from '../../../../services/api'
import { communityApi } from '../../../../services/api/community'
import { uuidV4 } from '../../../../utils/uuid'

const ReplyText = communityContract.actions.replyToAnnouncement.input.shape.text

/**
 * Answers after which nobody knows whether the reply was stored: sending the same text again reuses
 * the request key, which the server answers with the first reply if there was one.
 */
const UNSURE = new Set<ErrorCode>(['GENERIC.NETWORK', 'GENERIC.INTERNAL', 'GENERIC.CONFLICT'])

interface Attempt {
  requestId: string
  text: string
}

/** The reply box under an announcement: one request per text, disabled while it is on its way. */
export function ReplyBox({ announcementId, onSent }: { announcementId: string; onSent: (reply: ReplyViewT) => void }) {
  const [text, setText] = useState('')
  const [sending, setSending] = useState(false)
  const [error, setError] = useState('')
  const attempt = useRef<Attempt | null>(null)
  // A second tap before the first one's render must not send the reply twice.
  const inflight = useRef(false)

  const send = async () => {
    if (inflight.current) return
    const parsed = ReplyText.safeParse(text)
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写回复')
      return
    }
    const body = parsed.data
    if (!attempt.current || attempt.current.text !== body) attempt.current = { requestId: uuidV4(), text: body }
    const a = attempt.current
    inflight.current = true
    setSending(true)
    setError('')
    try {
      const { reply } = await communityApi.replyToAnnouncement({ requestId: a.requestId, announcementId, text: a.text })
      attempt.current = null
      setText('')
      onSent(reply)
    } catch (e) {
      const err = toApiError(e, 'community.replyToAnnouncement')
      // A verdict (risky text, not a member …) left no trace: the next send is a new request.
      if (!UNSURE.has(err.code)) attempt.current = null
      setError(err.message)
    } finally {
      inflight.current = false
      setSending(false)
    }
  }

  return (
    <View className='tq-announcement__reply-box' id='reply-box'>
      <TextArea id='reply-input' value={text} placeholder='写下你的回复' maxLength={300} showCount disabled={sending} onChange={setText} />
      <Notice id='reply-error'>{error}</Notice>
      <Button id='reply-send' className='tq-button' type='primary' size='large' block loading={sending} disabled={sending} onClick={() => void send()}>
        发送回复
      </Button>
    </View>
  )
}
