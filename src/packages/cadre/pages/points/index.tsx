import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { AdjustInput, type AccountSummaryT } from '../../../../../types/contract/adjust'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { LoadState } from '../../../../components/load-state'
import { Notice } from '../../../../components/notice'
import { RequireRole } from '../../../../components/require-role'
import { SingleChoice } from '../../../../components/choice-group'
import { useConfirm } from '../../../../components/confirm'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { usePageParams } from '../../../../hooks/use-page-params'
import { toApiError } from '../../../../services/api'
import { adjustApi } from '../../../../services/api/adjust'
import { issueFields, type FieldErrors } from '../../../../utils/form'
import { expiringOf, expiringText } from '../../../../utils/mall'
import { ROUTES, back } from '../../../../utils/routes'
import { uuidV4 } from '../../../../utils/uuid'
import { WAY_LABEL, deductionTooLarge, doneText, effectText, unitsOf, type Adjustment, type Way } from './format'
import './index.scss'

const WAYS = (['award', 'deduct'] as const).map((value) => ({ value, label: WAY_LABEL[value] }))

/** Retrying cannot bring back a youth who is gone or out of the cadre's scope. */
const GONE = new Set(['USER.NOT_FOUND', 'AUTH.FORBIDDEN'])

const signedOf = (n: number) => (n > 0 ? `+${n}` : String(n))

function AccountCard({ a }: { a: AccountSummaryT }) {
  const expiring = expiringOf(a)
  return (
    <Section id='cadre-points-account'>
      <Text className='tq-list-item__title' id='cadre-points-name'>
        {a.realName}
      </Text>
      <Text className='tq-list-item__meta' id='cadre-points-who'>{`${a.orgName} · ${a.phoneMasked}`}</Text>
      <View className='tq-row tq-cadre-points__balance-row'>
        <Text className='tq-muted'>当前余额</Text>
        <Text className='tq-cadre-points__balance' id='cadre-points-balance'>
          {String(a.balance)}
        </Text>
      </View>
      <Text className='tq-list-item__meta' id='cadre-points-figures'>
        {`累计获得 ${a.earned} · 已用 ${a.spent} · 调整 ${signedOf(a.adjusted)} · 已过期 ${a.expired}`}
      </Text>
      {expiring ? (
        <Text className='tq-cadre-points__expiring' id='cadre-points-expiring'>
          {expiringText(expiring)}
        </Text>
      ) : null}
    </Section>
  )
}

/** The key of one adjustment as confirmed: another key means other inputs, so a new request. */
const attemptKey = (a: Adjustment) => `${a.signed}\u0000${a.reason}`

function AdjustForm({ userId }: { userId: string }) {
  const load = useCallback(() => adjustApi.youthAccount({ userId }), [userId])
  const page = usePageLoad(load, 'points.youthAccount')
  const { dialog, ask } = useConfirm()
  const [way, setWay] = useState<Way>('award')
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState('')
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)
  const inflight = useRef(false)
  // Made when an adjustment is first confirmed and sent again with every retry of the same one, so
  // a retry after a lost reply moves the balance once; dropped on success or when the inputs change.
  const attempt = useRef<{ requestId: string; key: string } | null>(null)

  if (!page.data) {
    return (
      <LoadState
        state={page}
        errorId='cadre-points-load-error'
        retryId='cadre-points-retry'
        action={
          page.error && GONE.has(page.error.code) ? (
            <Button id='cadre-points-back' className='tq-button' size='large' block onClick={() => back(ROUTES.cadreYouth)}>
              返回青年档案
            </Button>
          ) : undefined
        }
      />
    )
  }
  const account = page.data.account
  const label = WAY_LABEL[way]

  /** The form's inputs as an adjustment, or the messages under the fields. */
  const read = (): Adjustment | null => {
    const found: FieldErrors = {}
    const units = unitsOf(amount)
    if ('error' in units) found.amount = units.error
    const why = AdjustInput.shape.reason.safeParse(reason)
    // The contract says 至少2个字 also of an empty box, where 请填写 is what a person needs to hear.
    if (!why.success) found.reason = reason.trim() ? (why.error.issues[0]?.message ?? '请填写原因') : '请填写原因'
    setErrors(found)
    if ('error' in units || !why.success) return null
    return { way, units: units.units, signed: way === 'award' ? units.units : -units.units, reason: why.data }
  }

  const submit = async () => {
    if (inflight.current) return
    setNotice('')
    setDone('')
    const a = read()
    if (!a) return
    const tooLarge = deductionTooLarge(a, account.balance)
    if (tooLarge) {
      setNotice(tooLarge)
      return
    }
    const ok = await ask({ title: '请核对后确认', content: effectText(account.realName, a, account.balance), confirmText: `确认${label}` })
    if (!ok) return
    const key = attemptKey(a)
    if (!attempt.current || attempt.current.key !== key) attempt.current = { requestId: uuidV4(), key }
    inflight.current = true
    setBusy(true)
    try {
      const { account: after } = await adjustApi.adjustPoints({ requestId: attempt.current.requestId, userId, amount: a.signed, reason: a.reason })
      attempt.current = null
      page.setData({ account: after })
      setAmount('')
      setReason('')
      setDone(doneText(after.realName, a, after.balance))
      void Taro.showToast({ title: a.way === 'award' ? '已奖励' : '已扣减', icon: 'success' })
    } catch (e) {
      const err = toApiError(e, 'points.adjustPoints')
      setErrors(err.issues ? issueFields(err.issues) : {})
      setNotice(err.message)
      // The balance fell since the page was opened: show what it is now.
      if (err.code === 'POINTS.ADJUST_BELOW_ZERO') void page.reload()
    } finally {
      inflight.current = false
      setBusy(false)
    }
  }

  return (
    <>
      <AccountCard a={account} />
      <Section title='调整益币' id='cadre-points-form'>
        <Field name='adjust-way' label='调整方式' required>
          <SingleChoice name='adjust-way' choices={WAYS} value={way} onChange={setWay} />
        </Field>
        <Field name='adjust-amount' label='益币数量' required error={errors.amount} hint='1 到 100000 之间的整数。'>
          <Input id='adjust-amount-input' className='tq-input' type='number' value={amount} placeholder='如：20' maxLength={6} onChange={setAmount} />
        </Field>
        <Field name='adjust-reason' label='原因' required error={errors.reason} hint='青年会在益币明细里看到，如：防汛志愿服务表现突出；重复登记的时长。'>
          <Input id='adjust-reason-input' className='tq-input' value={reason} placeholder='2 到 60 个字' maxLength={60} onChange={setReason} />
        </Field>
        <Notice id='adjust-notice'>{notice}</Notice>
        <Notice kind='success' id='adjust-done'>
          {done}
        </Notice>
        <Button id='adjust-submit' className='tq-button' type={way === 'award' ? 'primary' : 'danger'} size='large' block loading={busy} disabled={busy} onClick={() => void submit()}>
          {`${label}益币`}
        </Button>
      </Section>
      {dialog}
    </>
  )
}

/** A cadre awards or deducts one youth's 益币 with a reason (opened from 青年档案 with `?userId=`). */
export default function CadrePointsPage() {
  const { userId } = usePageParams('userId')
  return (
    <PageShell id='page-cadre-points' title='益币调整' subtitle='为本组织范围内的青年奖励或扣减益币，每笔都须写明原因'>
      <RequireRole roles={['cadre', 'admin']}>{userId ? <AdjustForm userId={userId} /> : <Notice>没有找到这位青年。</Notice>}</RequireRole>
    </PageShell>
  )
}
