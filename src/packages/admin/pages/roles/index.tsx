import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { ROLE_LABEL } from '../../../../../types/enums'
import type { RoleViewT } from '../../../../../types/contract/user'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { OrgPicker } from '../../../../components/org-picker'
import { RequireRole } from '../../../../components/require-role'
import { ListFooter } from '../../../../components/load-more'
import { useConfirm } from '../../../../components/confirm'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { useScopeOrg } from '../../../../hooks/use-scope-org'
import { toApiError } from '../../../../services/api'
import { adminApi } from '../../../../services/api/admin'
import { formatDate } from '../../../../utils/time'
import { GrantRole } from './grant-role'
import { placeOf } from './venue-scope'
import './index.scss'

const VIA_LABEL: Record<RoleViewT['via'], string> = { grant: '直接授权', invite: '邀请码', bootstrap: '系统初始化' }

function RoleRow({ r, onRevoke }: { r: RoleViewT; onRevoke: (r: RoleViewT) => void }) {
  return (
    <View className='tq-list-item tq-role-row tq-row' id={`role-${r.id}`}>
      <View className='tq-grow'>
        <Text className='tq-list-item__title'>{`${r.userName ?? '未登记用户'} · ${ROLE_LABEL[r.role]}`}</Text>
        <Text className='tq-list-item__meta'>{`${placeOf(r)} · ${VIA_LABEL[r.via]} · ${formatDate(r.grantedAt)}`}</Text>
      </View>
      <Button type='primary' fill='outline' id={`revoke-${r.id}`} onClick={() => onRevoke(r)}>
        收回
      </Button>
    </View>
  )
}

function RolesAdmin() {
  const { roots, org, setOrg } = useScopeOrg('admin')
  const { dialog, ask } = useConfirm()
  const [error, setError] = useState('')
  const fetchPage = useCallback((cursor?: string) => adminApi.listRoles({ orgId: org!.id, cursor }), [org])
  const list = usePagedList(org ? fetchPage : null, 'user.listRoles')

  const revoke = async (r: RoleViewT) => {
    const ok = await ask({
      title: '收回角色',
      content: `确定收回 ${r.userName ?? '该用户'} 在「${r.venueName ?? r.orgName}」的${ROLE_LABEL[r.role]}角色吗？`,
      confirmText: '收回',
    })
    if (!ok) return
    setError('')
    try {
      const { closedInvites } = await adminApi.revokeRole({ roleId: r.id })
      // The holder's open invites close with the role; say so, or they would seem to vanish.
      void Taro.showToast(closedInvites ? { title: `已收回，并作废${closedInvites}个邀请码`, icon: 'none' } : { title: '已收回', icon: 'success' })
      await list.reload()
    } catch (e) {
      setError(toApiError(e, 'user.revokeRole').message)
    }
  }

  return (
    <>
      <Section>
        <Field name='roles-org' label='团组织' required hint='显示该组织及其下级组织的角色授权。'>
          <OrgPicker name='roles-org' value={org} roots={roots} onChange={setOrg} />
        </Field>
      </Section>
      {org ? <GrantRole org={org} onGranted={() => void list.reload()} /> : null}
      <Section title='已授权的角色' id='role-list'>
        <Notice>{error}</Notice>
        {list.items.map((r) => (
          <RoleRow key={r.id} r={r} onRevoke={(x) => void revoke(x)} />
        ))}
        <ListFooter list={list} id='roles-more' emptyText='这个组织还没有授予角色' />
      </Section>
      {dialog}
    </>
  )
}

export default function RolesPage() {
  return (
    <PageShell id='page-admin-roles' title='角色授权' subtitle='授予的角色只在所选组织及其下级范围内有效'>
      <RequireRole roles={['admin']}>
        <RolesAdmin />
      </RequireRole>
    </PageShell>
  )
}
