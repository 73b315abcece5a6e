import { useRef, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { Notice } from '../../components/notice'
import { toApiError } from '../../services/api'
import { walletApi } from '../../services/api/wallet'
import { cx } from '../../utils/cx'
import { expiringOf } from '../../utils/mall'
import { pointsTemplateIds, requestSubscribe } from '../../utils/platform'
import './expiry-reminder.scss'

interface Props {
  /** `remindExpiry` of the balance answer; servers that predate it send none (then: not yet asked). */
  on: unknown
  /** `points` on the 益币 tab, `mall-ledger` on the ledger: the ids are `<prefix>-remind…`. */
  idPrefix: string
  /** Asks the balance again, which then says whether the reminder is on. */
  onChanged: () => Promise<void>
  /** On the tab's red card the buttons are white. */
  onCard?: boolean
}

/**
 * Whether the balance answer leaves something to be reminded of: the county's policy expires 益币 at
 * a coming year end (`expiryPolicy`), or — from a server that predates that field — something
 * already expires within 90 days. No policy, no reminder: nothing would ever be sent.
 */
export function offersReminder(balance: unknown): boolean {
  const b = balance as { expiryPolicy?: unknown } | null | undefined
  return b?.expiryPolicy === true || expiringOf(balance) !== null
}

/**
 * 「到期前提醒我」: a subscription message a month before 益币 expire, offered whenever the county's
 * policy can expire them (not only once a deadline is near), and turned off again from 已开启到期提醒.
 * Lives in the main package with the 益币 tab; the ledger in the mall package uses it from here.
 */
export function ExpiryReminder({ on, idPrefix, onChanged, onCard }: Props) {
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
      // Turning it off asks WeChat nothing: no message will be sent.
      if (want) await requestSubscribe(pointsTemplateIds())
      // Recorded whatever WeChat answered (the browser build has no prompt at all): the server keeps
      // the wish, and a message goes out only where the phone accepted one.
      await walletApi.setExpiryReminder({ on: want })
      await onChanged()
    } catch (e) {
      setError(toApiError(e, 'points.setExpiryReminder').message)
    } finally {
      inflight.current = false
      setBusy(false)
    }
  }

  if (on === true) {
    return (
      <View className='tq-expiry-reminder tq-expiry-reminder--on'>
        <Text className={cx('tq-expiry-reminder__on', onCard && 'tq-expiry-reminder__on--card')} id={`${idPrefix}-remind-on`}>
          已开启到期提醒
        </Text>
        <Button
          id={`${idPrefix}-remind-off`}
          className={cx('tq-expiry-reminder__off', onCard && 'tq-expiry-reminder__off--card')}
          fill='none'
          loading={busy}
          disabled={busy}
          onClick={() => void change(false)}
        >
          关闭提醒
        </Button>
        <Notice id={`${idPrefix}-remind-error`}>{error}</Notice>
      </View>
    )
  }

  return (
    <View className='tq-expiry-reminder'>
      <Button
        id={`${idPrefix}-remind`}
        className={cx('tq-expiry-reminder__button', onCard && 'tq-expiry-reminder__button--card')}
        fill='outline'
        loading={busy}
        disabled={busy}
        onClick={() => void change(true)}
      >
        到期前提醒我
      </Button>
      <Notice id={`${idPrefix}-remind-error`}>{error}</Notice>
    </View>
  )
}
