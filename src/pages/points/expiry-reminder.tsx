import { useRef, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { Notice } from '../../components/notice'
import { toApiError } from '../../services/api'
import { walletApi } from '../../services/api/wallet'
import { cx } from '../../utils/cx'
import { pointsTemplateIds, requestSubscribe } from '../../utils/platform'
import './expiry-reminder.scss'

interface Props {
  /** `remindExpiry` of the balance answer; servers that predate it send none (then: not yet asked). */
  on: unknown
  /** `points` on the 益币 tab, `mall-ledger` on the ledger: the ids are `<prefix>-remind…`. */
  idPrefix: string
  /** Asks the balance again, which then says the reminder is on. */
  onChanged: () => Promise<void>
  /** On the tab's red card the button is white. */
  onCard?: boolean
}

/**
 * 「到期前提醒我」 under what expires: a subscription message a month before 益币 expire. Lives in the
 * main package with the 益币 tab; the ledger in the mall package uses it from here.
 */
export function ExpiryReminder({ on, idPrefix, onChanged, onCard }: Props) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const inflight = useRef(false)

  if (on === true) {
    return (
      <Text className={cx('tq-expiry-reminder__on', onCard && 'tq-expiry-reminder__on--card')} id={`${idPrefix}-remind-on`}>
        已开启到期提醒
      </Text>
    )
  }

  const remind = async () => {
    if (inflight.current) return
    inflight.current = true
    setBusy(true)
    setError('')
    try {
      // Asked first, inside the tap: WeChat refuses the prompt once anything else has been awaited.
      await requestSubscribe(pointsTemplateIds())
      // Recorded whatever WeChat answered (the browser build has no prompt at all): the server keeps
      // the wish, and a message goes out only where the phone accepted one.
      await walletApi.setExpiryReminder({ on: true })
      await onChanged()
    } catch (e) {
      setError(toApiError(e, 'points.setExpiryReminder').message)
    } finally {
      inflight.current = false
      setBusy(false)
    }
  }

  return (
    <View className='tq-expiry-reminder'>
      <Button
        id={`${idPrefix}-remind`}
        className={cx('tq-expiry-reminder__button', onCard && 'tq-expiry-reminder__button--card')}
        fill='outline'
        loading={busy}
        disabled={busy}
        onClick={() => void remind()}
      >
        到期前提醒我
      </Button>
      <Notice id={`${idPrefix}-remind-error`}>{error}</Notice>
    </View>
  )
}
