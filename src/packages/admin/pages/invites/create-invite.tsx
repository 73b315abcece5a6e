import { useEffect, useState } from 'react'
import { Button, Input, InputNumber } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { ROLE_LABEL, type Role } from '../../../../../types/enums'
import type { InviteViewT } from '../../../../../types/contract/user'
import { Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { OrgPicker } from '../../../../components/org-picker'
import { SingleChoice, choicesOf } from '../../../../components/choice-group'
import { toApiError } from '../../../../services/api'
import { adminApi } from '../../../../services/api/admin'
import type { OrgRef } from '../../../../utils/roles'
import { ORG_SCOPE, VenueScope, venueOf, type Scope } from '../roles/venue-scope'

const ROLES = choicesOf(ROLE_LABEL)

interface Props {
  roots: OrgRef[]
  org: OrgRef | null
  onOrg: (org: OrgRef) => void
  onCreated: (invite: InviteViewT) => void
}

/** role + org (or one of its venues, for a 核销员 or 团代表) + 有效天数 + 可用次数 + 备注 → an 8-character code. */
export function CreateInvite({ roots, org, onOrg, onCreated }: Props) {
  const [role, setRole] = useState<Role>('cadre')
  const [scope, setScope] = useState<Scope>(ORG_SCOPE)
  const [scopeError, setScopeError] = useState('')
  const [days, setDays] = useState(7)
  const [uses, setUses] = useState(1)
  const [note, setNote] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  // A venue belongs to the org it was picked under.
  useEffect(() => setScope(ORG_SCOPE), [org?.id])

  const create = async () => {
    if (!org) return setError('请选择团组织')
    const { venueId, missing } = venueOf(scope, role)
    setScopeError(missing ?? '')
    if (missing) return setError(missing)
    setError('')
    setBusy(true)
    try {
      const { invite } = await adminApi.createInvite({
        role,
        orgId: org.id,
        venueId,
        expiresInDays: days,
        maxUses: uses,
        note: note.trim() ? note : undefined,
      })
      setNote('')
      onCreated(invite)
    } catch (e) {
      setError(toApiError(e, 'user.createInvite').message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Section title='生成邀请码' id='invite-create'>
      <Field name='invite-role' label='角色' required>
        <SingleChoice name='invite-role' choices={ROLES} value={role} onChange={setRole} />
      </Field>
      <Field name='invite-org' label='团组织' required hint='使用邀请码的人将在这个组织获得角色。'>
        <OrgPicker name='invite-org' value={org} roots={roots} onChange={onOrg} />
      </Field>
      {org ? (
        <VenueScope
          name='invite-scope'
          org={org}
          role={role}
          value={scope}
          error={scopeError}
          onChange={(s) => {
            setScope(s)
            setScopeError('')
          }}
        />
      ) : null}
      <Field name='invite-days' label='有效天数' required hint='1 至 30 天'>
        <View id='invite-days'>
          <InputNumber className='tq-number' value={days} min={1} max={30} onChange={(v) => setDays(Number(v) || 1)} />
        </View>
      </Field>
      <Field name='invite-uses' label='可用次数' required hint='一个码可以给几个人用（1 至 200）'>
        <View id='invite-uses'>
          <InputNumber className='tq-number' value={uses} min={1} max={200} onChange={(v) => setUses(Number(v) || 1)} />
        </View>
      </Field>
      <Field name='invite-note' label='备注'>
        <Input id='invite-note-input' className='tq-input' value={note} maxLength={40} placeholder='如：发给城关镇团委书记' onChange={setNote} />
      </Field>
      <Notice id='invite-create-error'>{error}</Notice>
      <Button id='invite-create-submit' className='tq-button' type='primary' size='large' block loading={busy} onClick={() => void create()}>
        生成邀请码
      </Button>
    </Section>
  )
}
