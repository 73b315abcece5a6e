import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { ROLE_LABEL } from '../../../../../types/enums'
import type { InviteViewT } from '../../../../../types/contract/user'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { OrgPicker } from '../../../../components/org-picker'
import { RequireRole } from '../../../../components/require-role'
import { ToneTag, type Tone } from '../../../../components/tone-tag'
import { ListFooter } from '../../../../components/load-more'
import { useConfirm } from '../../../../components/confirm'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { useScopeOrg } from '../../../../hooks/use-scope-org'
import { toApiError } from '../../../../services/api'
import { adminApi } from '../../../../services/api/admin'
import { formatDate, formatDateTime } from '../../../../utils/time'
import { placeOf } from '../roles/venue-scope'
import { CreateInvite } from './create-invite'
import './index.scss'

const STATUS: Record<InviteViewT['status'], { label: string; tone: Tone }> = {
  active: { label: '有效', tone: 'green' },
  expired: { label: '已过期', tone: 'grey' },
  used_up: { label: '已用完', tone: 'orange' },
  revoked: { label: '已作废', tone: 'red' },
}

/** The code just made, large, with a copy button: it is read aloud or pasted into a chat. */
function NewCode({ invite }: { invite: InviteViewT }) {
  const copy = () => void Taro.setClipboardData({ data: invite.code })
  return (
    <Section title='新邀请码' id='invite-new' className='tq-invite-new'>
      <Text id='invite-code-shown' className='tq-invite-new__code' userSelect>
        {invite.code}
      </Text>
      <Text className='tq-invite-new__meta'>
        {`${ROLE_LABEL[invite.role]} · ${placeOf(invite)}\n可用 ${invite.maxUses} 次 · ${formatDateTime(invite.expiresAt)} 前有效`}
      </Text>
      <Button id='invite-copy' className='tq-button' type='primary' size='large' block onClick={copy}>
        复制邀请码
      </Button>
    </Section>
  )
}

function InviteRow({ i, onRevoke }: { i: InviteViewT; onRevoke: (i: InviteViewT) => void }) {
  const s = STATUS[i.status]
  return (
    <View className='tq-list-item tq-invite-row tq-row' id={`invite-${i.code}`}>
      <View className='tq-grow'>
        <View className='tq-row'>
          <Text className='tq-invite-row__code'>{i.code}</Text>
          <ToneTag tone={s.tone}>{s.label}</ToneTag>
        </View>
        <Text className='tq-list-item__meta'>{`${ROLE_LABEL[i.role]} · ${placeOf(i)}`}</Text>
        <Text className='tq-list-item__meta'>{`已用 ${i.uses}/${i.maxUses} 次 · 至 ${formatDate(i.expiresAt)}${i.note ? ` · ${i.note}` : ''}`}</Text>
      </View>
      {i.status === 'active' ? (
        <Button type='primary' fill='outline' id={`invite-revoke-${i.code}`} onClick={() => onRevoke(i)}>
          作废
        </Button>
      ) : null}
    </View>
  )
}

function InvitesAdmin() {
  const { roots, org, setOrg } = useScopeOrg('admin')
  const { dialog, ask } = useConfirm()
  const [created, setCreated] = useState<InviteViewT | null>(null)
  const [error, setError] = useState('')
  const fetchPage = useCallback((cursor?: string) => adminApi.listInvites({ orgId: org!.id, cursor }), [org])
  const list = usePagedList(org ? fetchPage : null, 'user.listInvites')

  const revoke = async (i: InviteViewT) => {
    if (!(await ask({ title: '作废邀请码', content: `作废后 ${i.code} 将不能再使用，确定吗？`, confirmText: '作废' }))) return
    setError('')
    try {
      await adminApi.revokeInvite({ code: i.code })
      void Taro.showToast({ title: '已作废', icon: 'success' })
      if (created?.code === i.code) setCreated(null)
      await list.reload()
    } catch (e) {
      setError(toApiError(e, 'user.revokeInvite').message)
    }
  }

  return (
    <>
      {created ? <NewCode invite={created} /> : null}
      <CreateInvite
        roots={roots}
        org={org}
        onOrg={setOrg}
        onCreated={(invite) => {
          setCreated(invite)
          void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
          void list.reload()
        }}
      />
      <Section title='邀请码列表' id='invite-list'>
        <Text className='tq-muted'>{org ? `「${org.name}」及下级组织的邀请码` : ''}</Text>
        <Notice>{error}</Notice>
        {list.items.map((i) => (
          <InviteRow key={i.code} i={i} onRevoke={(x) => void revoke(x)} />
        ))}
        <ListFooter list={list} id='invites-more' emptyText='还没有邀请码' />
      </Section>
      {dialog}
    </>
  )
}

export default function InvitesPage() {
  return (
    <PageShell id='page-admin-invites' title='邀请码' subtitle='对方在「我的」页面输入邀请码即可获得角色'>
      <RequireRole roles={['admin']}>
        <InvitesAdmin />
      </RequireRole>
    </PageShell>
  )
}
