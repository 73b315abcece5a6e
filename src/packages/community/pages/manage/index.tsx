import { useCallback, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { GROUP_KIND_LABELS, JOIN_POLICY_LABELS, type GroupDetailT } from '../../../../../types/contract/community'
import { ERRORS } from '../../../../../types/errors'
import { PageShell, Section } from '../../../../components/page-shell'
import { LoadState } from '../../../../components/load-state'
import { Notice } from '../../../../components/notice'
import { Segmented } from '../../../../components/segmented'
import { ToneTag } from '../../../../components/tone-tag'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { usePageParams } from '../../../../hooks/use-page-params'
import { useSession } from '../../../../hooks/use-session'
import { communityApi } from '../../../../services/api/community'
import { hasRole } from '../../../../utils/roles'
import { back } from '../../../../utils/routes'
import { communityRoute, goCommunity } from '../tower/links'
import { AnnouncementsTab } from './announcements-tab'
import { CodeTab } from './code-tab'
import { FiguresTab } from './figures-tab'
import { MembersTab } from './members-tab'
import { RequestsTab } from './requests-tab'
import './index.scss'

type Tab = 'requests' | 'members' | 'announcements' | 'figures' | 'code'

const TABS: { value: Tab; label: string }[] = [
  { value: 'requests', label: '申请' },
  { value: 'members', label: '成员' },
  { value: 'announcements', label: '公告' },
  { value: 'figures', label: '数据' },
  { value: 'code', label: '小程序码' },
]


/**
 * Who the caller is to the group. Owner and cadres appoint admins and may remove one; an admin
 * manages the rest. A manager who is neither owner nor admin of the group is a cadre in scope.
 */
function authorityOf(g: GroupDetailT, cadre: boolean) {
  const active = g.membership?.status === 'active'
  const owner = active && g.membership?.role === 'owner'
  const admin = active && g.membership?.role === 'admin'
  return { senior: owner || (g.canManage && (cadre || !admin)), cadre: g.canManage && (cadre || (!owner && !admin)) }
}

function Manage() {
  const { id } = usePageParams('id')
  const { me } = useSession()
  const load = useCallback(() => communityApi.openGroup({ groupId: id }), [id])
  const page = usePageLoad(id ? load : null, 'community.openGroup')
  const [tab, setTab] = useState<Tab>('requests')

  if (!id) return <Notice>{ERRORS['GROUP.NOT_FOUND']}</Notice>
  const g = page.data?.group
  if (!g) return <LoadState state={page} errorId='manage-load-error' retryId='manage-retry' />
  if (!g.canManage) {
    return (
      <View id='forbidden'>
        <Notice>{ERRORS['AUTH.FORBIDDEN']}</Notice>
        <Button className='tq-button' block onClick={() => back(communityRoute('tower'))}>
          返回
        </Button>
      </View>
    )
  }

  const { senior, cadre } = authorityOf(g, hasRole(me?.roles, 'cadre', 'admin'))
  // A member more or fewer: the count at the top is asked again.
  const refresh = () => void page.reload()
  return (
    <>
      <Section id='manage-group'>
        <View className='tq-row'>
          <Text className='tq-list-item__title tq-grow' id='manage-group-name'>
            {g.name}
          </Text>
          <ToneTag tone='blue'>{GROUP_KIND_LABELS[g.kind]}</ToneTag>
        </View>
        <Text className='tq-list-item__meta' id='manage-group-figures'>
          {`${g.orgName} · ${JOIN_POLICY_LABELS[g.joinPolicy]} · 成员 ${g.members} 人${g.capacity !== null ? ` / 上限 ${g.capacity} 人` : ''} · 覆盖青年 ${g.reach} 人`}
        </Text>
        {cadre ? (
          <Button id='manage-edit' className='tq-manage__edit' size='small' fill='outline' onClick={() => goCommunity('groupEdit', { id: g.id, parentName: g.parentName ?? undefined })}>
            编辑社群
          </Button>
        ) : null}
      </Section>
      <View className='tq-manage__tabs'>
        <Segmented name='manage-tab' segments={TABS} value={tab} onChange={setTab} />
      </View>
      <Section>
        {tab === 'requests' ? <RequestsTab groupId={g.id} onChanged={refresh} /> : null}
        {tab === 'members' ? <MembersTab groupId={g.id} groupName={g.name} senior={senior} selfId={me?.profile?.userId ?? null} onChanged={refresh} /> : null}
        {tab === 'announcements' ? <AnnouncementsTab groupId={g.id} groupName={g.name} /> : null}
        {tab === 'figures' ? <FiguresTab groupId={g.id} /> : null}
        {tab === 'code' ? <CodeTab groupId={g.id} invite={g.joinPolicy === 'invite'} /> : null}
      </Section>
    </>
  )
}

export default function ManagePage() {
  return (
    <PageShell id='page-community-manage' title='社群管理' subtitle='加入申请、成员、公告、数据和小程序码'>
      <Manage />
    </PageShell>
  )
}
