import { useEffect, useState } from 'react'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { ROLE_LABEL, type Role } from '../../../../../types/enums'
import type { ProfileSummaryT } from '../../../../../types/contract/user'
import { Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { SingleChoice, choicesOf } from '../../../../components/choice-group'
import { toApiError } from '../../../../services/api'
import { adminApi } from '../../../../services/api/admin'
import type { OrgRef } from '../../../../utils/roles'
import { cx } from '../../../../utils/cx'
import { ORG_SCOPE, VenueScope, venueOf, type Scope } from './venue-scope'

const ROLES = choicesOf(ROLE_LABEL)

/** Find a registered youth in the org's scope by name, pick a role, grant it at the chosen org or one of its venues. */
export function GrantRole({ org, onGranted }: { org: OrgRef; onGranted: () => void }) {
  const [q, setQ] = useState('')
  const [found, setFound] = useState<ProfileSummaryT[] | null>(null)
  const [who, setWho] = useState<ProfileSummaryT | null>(null)
  const [role, setRole] = useState<Role>('cadre')
  const [scope, setScope] = useState<Scope>(ORG_SCOPE)
  const [scopeError, setScopeError] = useState('')
  const [error, setError] = useState('')
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)

  // A venue belongs to the org it was picked under.
  useEffect(() => setScope(ORG_SCOPE), [org.id])

  const search = async () => {
    setError('')
    setDone('')
    try {
      const page = await adminApi.listProfiles({ orgId: org.id, q, limit: 10 })
      setFound(page.items)
      setWho(null)
    } catch (e) {
      setError(toApiError(e, 'user.listProfiles').message)
    }
  }

  const grant = async () => {
    if (!who) return setError('请先搜索并选择一位青年')
    const { venueId, missing } = venueOf(scope, role)
    setScopeError(missing ?? '')
    if (missing) return setError(missing)
    setError('')
    setBusy(true)
    try {
      const res = await adminApi.grantRole({ userId: who.userId, role, orgId: org.id, venueId })
      setDone(`已授予 ${who.realName} ${ROLE_LABEL[res.role.role]}（${res.role.venueName ?? res.role.orgName}）。`)
      setWho(null)
      setScope(ORG_SCOPE)
      setFound(null)
      setQ('')
      onGranted()
    } catch (e) {
      setError(toApiError(e, 'user.grantRole').message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Section title='授予角色' id='grant-role'>
      <Field name='grant-who' label='青年姓名' required hint={`在「${org.name}」范围内搜索已登记的青年。`}>
        <View className='tq-row' style={{ flexWrap: 'nowrap' }}>
          <Input id='grant-search-input' className='tq-input tq-grow' value={q} placeholder='输入姓名' maxLength={20} onChange={setQ} />
          <Button id='grant-search' type='primary' fill='outline' className='tq-grant__search' onClick={() => void search()}>
            搜索
          </Button>
        </View>
      </Field>
      {found ? (
        <View className='tq-grant__results' id='grant-results'>
          {found.length === 0 ? <Text className='tq-muted'>没有找到，请换个名字试试。</Text> : null}
          {found.map((p) => (
            <View
              key={p.userId}
              id={`grant-pick-${p.userId}`}
              className={cx('tq-list-item tq-grant__pick', who?.userId === p.userId && 'tq-grant__pick--on')}
              onClick={() => setWho(p)}
            >
              <Text className='tq-list-item__title'>{`${who?.userId === p.userId ? '✓ ' : ''}${p.realName}`}</Text>
              <Text className='tq-list-item__meta'>{`${p.orgName} · ${p.phoneMasked} · ${p.age}岁`}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <Field name='grant-role' label='角色' required>
        <SingleChoice name='grant-role' choices={ROLES} value={role} onChange={setRole} />
      </Field>
      <VenueScope
        name='grant-scope'
        org={org}
        role={role}
        value={scope}
        error={scopeError}
        onChange={(s) => {
          setScope(s)
          setScopeError('')
        }}
      />
      <Notice id='grant-error'>{error}</Notice>
      <Notice id='grant-success' kind='success'>
        {done}
      </Notice>
      <Button id='grant-submit' className='tq-button' type='primary' size='large' block loading={busy} onClick={() => void grant()}>
        {who ? `授予 ${who.realName}` : '授予角色'}
      </Button>
    </Section>
  )
}
