import { useRef, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { MembershipViewT } from '../../../../../types/contract/community'
import { Notice } from '../../../../components/notice'
import { toApiError } from '../../../../services/api'
import { communityApi } from '../../../../services/api/community'
import { announcementTemplateIds, requestSubscribe } from '../../../../utils/platform'

interface Props {
  groupId: string
  subscribed: boolean
  onChanged: (membership: MembershipViewT) => void
}

/** 「新公告提醒」 for a member: on asks WeChat for the message first, off asks nothing. */
export function AnnouncementSubscription({ groupId, subscribed, onChanged }: Props) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const inflight = useRef(false)

  const change = async (want: boolean) => {
    if (inflight.current) return
    inflight.current = true
    setBusy(true)
    setError('')
    try {
      // Asked first, inside the tap: WeChat refuses the prompt once anything else has been awaited.
      // The wish is recorded whatever WeChat answered; a message goes out only where the phone accepted one.
      if (want) await requestSubscribe(announcementTemplateIds())
      const { membership } = await communityApi.subscribeAnnouncements({ groupId, subscribed: want })
      onChanged(membership)
    } catch (e) {
      setError(toApiError(e, 'community.subscribeAnnouncements').message)
    } finally {
      inflight.current = false
      setBusy(false)
    }
  }

  return (
    <View className='tq-group__subscription' id='group-subscription'>
      {subscribed ? (
        <View className='tq-row'>
          <Text className='tq-grow' id='group-subscribe-on'>
            已开启新公告提醒
          </Text>
          <Button id='group-subscribe-off' className='tq-button' fill='outline' loading={busy} disabled={busy} onClick={() => void change(false)}>
            关闭提醒
          </Button>
        </View>
      ) : (
        <Button id='group-subscribe' className='tq-button' type='primary' fill='outline' block loading={busy} disabled={busy} onClick={() => void change(true)}>
          开启新公告提醒
        </Button>
      )}
      <Notice id='group-subscribe-error'>{error}</Notice>
    </View>
  )
}
