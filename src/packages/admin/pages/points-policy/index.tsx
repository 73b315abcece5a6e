import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Text } from '@tarojs/components'
import { ERRORS } from '../../../../../types/errors'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { LoadState } from '../../../../components/load-state'
import { Notice } from '../../../../components/notice'
import { RequireRole } from '../../../../components/require-role'
import { SingleChoice } from '../../../../components/choice-group'
import { useConfirm } from '../../../../components/confirm'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { useSession } from '../../../../hooks/use-session'
import { useCountiesAdministered } from '../../../../pages/me/county-admin'
import { toApiError } from '../../../../services/api'
import { adjustApi } from '../../../../services/api/adjust'
import type { OrgRef } from '../../../../utils/roles'
import { formatDateTime } from '../../../../utils/time'
import { CHOICES, changeText, choiceOf, deadlineText, exampleText, ruleText, yearsOf, type Choice } from './format'
import './index.scss'

function CountyPolicy({ county }: { county: OrgRef }) {
  const load = useCallback(() => adjustApi.getPointsPolicy({ countyId: county.id }), [county.id])
  const page = usePageLoad(load, 'points.getPointsPolicy')
  const { dialog, ask } = useConfirm()
  const [picked, setPicked] = useState<Choice | null>(null)
  const [notice, setNotice] = useState('')
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)

  if (!page.data) return <LoadState state={page} errorId='policy-load-error' retryId='policy-retry' />
  const policy = page.data.policy
  const current = choiceOf(policy.expireAfterYears)
  const choice = picked ?? current
  const example = exampleText(policy.expireAfterYears, Date.now())

  const save = async () => {
    if (!choice || choice === current || busy) return
    setNotice('')
    setDone('')
    const years = yearsOf(choice)
    if (!(await ask({ title: '修改益币有效期', content: changeText(years), confirmText: '确定修改' }))) return
    setBusy(true)
    try {
      const { policy: next } = await adjustApi.setPointsPolicy({ countyId: county.id, expireAfterYears: years })
      page.setData({ policy: next })
      setPicked(null)
      setDone(`已修改：${ruleText(next.expireAfterYears)}。`)
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      setNotice(toApiError(e, 'points.setPointsPolicy').message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Section title={policy.countyName} id='policy-current'>
        <Text className='tq-policy__rule' id='policy-rule'>
          {ruleText(policy.expireAfterYears)}
        </Text>
        {example ? (
          <Text className='tq-list-item__meta' id='policy-example'>
            {example}
          </Text>
        ) : null}
        <Text className='tq-list-item__meta' id='policy-deadline'>
          {deadlineText(policy.nextDeadline)}
        </Text>
        <Text className='tq-list-item__meta' id='policy-set-at'>
          {policy.setAt === null ? '还没有设置过，益币长期有效。' : `最近一次修改：${formatDateTime(policy.setAt)}`}
        </Text>
      </Section>
      <Section title='修改有效期' id='policy-edit'>
        <Field name='policy-years' label='益币有效期' required hint='某年获得的益币，在之后第几年的年底过期；修改只对距今至少30天的年底生效。'>
          <SingleChoice name='policy-years' choices={CHOICES} value={choice} onChange={setPicked} />
        </Field>
        <Notice id='policy-notice'>{notice}</Notice>
        <Notice kind='success' id='policy-done'>
          {done}
        </Notice>
        <Button id='policy-save' className='tq-button' type='primary' size='large' block loading={busy} disabled={busy || !choice || choice === current} onClick={() => void save()}>
          保存
        </Button>
      </Section>
      {dialog}
    </>
  )
}

function PolicyAdmin() {
  const { me } = useSession()
  const counties = useCountiesAdministered(me?.roles)
  const [chosen, setChosen] = useState('')

  if (!counties.data) return <LoadState state={counties} errorId='policy-counties-error' retryId='policy-counties-retry' />
  const list = counties.data
  if (!list.length) return <Notice id='policy-county-only'>{ERRORS['POINTS.POLICY_COUNTY_ONLY']}</Notice>
  const county = list.find((c) => c.id === chosen) ?? list[0]

  return (
    <>
      {list.length > 1 ? (
        <Section>
          <Field name='policy-county' label='县区' required>
            <SingleChoice name='policy-county' choices={list.map((c) => ({ value: c.id, label: c.name }))} value={county.id} onChange={setChosen} />
          </Field>
        </Section>
      ) : null}
      <CountyPolicy key={county.id} county={county} />
    </>
  )
}

/** 益币有效期: a county admin reads and sets how long the county's 益币 last. */
export default function PointsPolicyPage() {
  return (
    <PageShell id='page-admin-points-policy' title='益币有效期' subtitle='本县区青年获得的益币多久过期；到期前一个月会提醒订阅了提醒的青年'>
      <RequireRole roles={['admin']}>
        <PolicyAdmin />
      </RequireRole>
    </PageShell>
  )
}
