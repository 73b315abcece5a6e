import { useEffect, useState } from 'react'
import { Button, Cell, CellGroup, Input, Switch, Tag } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { ROLE_LABEL } from '../../../types/enums'
import type { RoleViewT } from '../../../types/contract/user'
import { PageShell, Section } from '../../components/page-shell'
import { Notice } from '../../components/notice'
import { EmptyState } from '../../components/empty-state'
import { useSession } from '../../hooks/use-session'
import { toApiError } from '../../services/api'
import { accountApi } from '../../services/api/account'
import { hasRole } from '../../utils/roles'
import { useCountiesAdministered } from './county-admin'
import { ROUTES, go, relaunch } from '../../utils/routes'
import { STATION_YOUTH_ENTRIES, dutyEntriesFor, stationCadreEntriesFor, type Entry } from './station-entries'
import './index.scss'

function roleText(r: Pick<RoleViewT, 'role' | 'orgName'>): string {
  return `${ROLE_LABEL[r.role]}（${r.orgName}）`
}

function InviteRedeem({ onRedeemed }: { onRedeemed: (role: RoleViewT) => Promise<void> }) {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [done, setDone] = useState('')

  const redeem = async () => {
    setError('')
    setDone('')
    setBusy(true)
    try {
      const { role } = await accountApi.redeemInvite({ code })
      setCode('')
      await onRedeemed(role)
      setDone(`邀请码已使用，您已成为${roleText(role)}。`)
    } catch (e) {
      setError(toApiError(e, 'user.redeemInvite').message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Section title='输入邀请码' id='invite-redeem'>
      <Text className='tq-muted'>团干部、管理员等角色凭上级发放的8位邀请码获得。</Text>
      <View className='tq-row tq-me__invite'>
        <Input
          id='invite-code-input'
          className='tq-input tq-grow tq-me__code-input'
          value={code}
          placeholder='8位邀请码'
          maxLength={12}
          onChange={setCode}
        />
        <Button id='invite-code-submit' className='tq-me__invite-button' type='primary' loading={busy} onClick={() => void redeem()}>
          使用
        </Button>
      </View>
      <Notice id='invite-error'>{error}</Notice>
      <Notice id='invite-success' kind='success'>
        {done}
      </Notice>
    </Section>
  )
}


/** Every registered youth's own pages. */
const VOLUNTEER_ENTRIES: Entry[] = [
  { id: 'entry-my-activities', title: '我的活动', description: '报名的活动、签到签退', url: ROUTES.myActivities },
  { id: 'entry-hours', title: '我的时长', description: '志愿时长、星级、益币和服务证明', url: ROUTES.hours },
  { id: 'entry-my-code', title: '我的签到码', description: '请组织者扫码签到，没有网络也能用', url: ROUTES.myCode },
]

/** `countyAdmin`: an admin role at a county org itself, who alone sets the county's 益币 expiry. */
function entriesFor(roles: readonly RoleViewT[], countyAdmin: boolean): Entry[] {
  const out: Entry[] = []
  if (hasRole(roles, 'cadre', 'admin')) {
    out.push(
      { id: 'entry-cadre-activities', title: '活动管理', description: '新建、发布活动，签到看板和扫码签到', url: ROUTES.cadreActivities },
      { id: 'entry-cadre-review', title: '审核时长', description: '签到时长和申报时长的审核', url: ROUTES.cadreReview },
      { id: 'entry-youth', title: '青年档案', description: '查看本组织范围内的青年', url: ROUTES.cadreYouth },
      { id: 'entry-community-tower', title: '社群管理', description: '塔群、新建社群、覆盖青年人数', url: ROUTES.communityTower },
      { id: 'entry-cadre-goods', title: '物资管理', description: '爱心物资的上架、下架和补货', url: ROUTES.cadreGoods },
      { id: 'entry-cadre-donors', title: '爱心企业', description: '捐赠物资的企业和联系人', url: ROUTES.cadreDonors },
      { id: 'entry-cadre-venues', title: '兑换点', description: '领取物资的地点和开放时间', url: ROUTES.cadreVenues },
      { id: 'entry-cadre-mall-report', title: '兑换统计', description: '一段时间内各物资、各兑换点的兑换和库存', url: ROUTES.cadreMallReport },
      ...stationCadreEntriesFor(roles),
    )
  }
  if (hasRole(roles, 'clerk', 'cadre', 'admin')) {
    out.push({ id: 'entry-clerk-pickup', title: '核销兑换', description: '扫码或输入兑换码，确认领取物资；没有网络也能用', url: ROUTES.clerkPickup })
  }
  if (hasRole(roles, 'admin')) {
    out.push(
      { id: 'entry-orgs', title: '组织管理', description: '团组织树：新建、改名、调整上级', url: ROUTES.adminOrgs },
      { id: 'entry-roles', title: '角色授权', description: '授予或收回团干部等角色', url: ROUTES.adminRoles },
      { id: 'entry-invites', title: '邀请码', description: '生成、查看和作废邀请码', url: ROUTES.adminInvites },
    )
  }
  if (countyAdmin) {
    out.push({ id: 'entry-admin-points-policy', title: '益币有效期', description: '本县区的益币多久过期', url: ROUTES.adminPointsPolicy })
  }
  return out
}

function EntryList({ entries }: { entries: Entry[] }) {
  return (
    <CellGroup divider className='tq-me__entries'>
      {entries.map((e) => (
        // Not `clickable`: its ::before overlay would sit on top of the row (and its id) in the browser.
        <Cell key={e.id} className='tq-me__entry' onClick={() => go(e.url)}>
          {/* NutUI's Cell does not pass `id` on: the row inside carries it; a tap bubbles to the cell. */}
          <View id={e.id} className='tq-row tq-me__entry-row' hoverClass='tq-pressed'>
            <View className='tq-grow'>
              <Text className='tq-me__entry-title'>{e.title}</Text>
              <Text className='tq-muted tq-me__entry-desc'>{e.description}</Text>
            </View>
            <Text className='tq-me__entry-arrow'>›</Text>
          </View>
        </Cell>
      ))}
    </CellGroup>
  )
}

export default function MePage() {
  const session = useSession()
  const { me, loading, refresh, elderMode, setElderMode } = session
  const profile = me?.profile ?? null
  const roles = me?.roles ?? []
  const [elderError, setElderError] = useState('')

  // Opened directly without a profile (e.g. a bookmark): the entry page knows where to go.
  useEffect(() => {
    if (!loading && me && !profile) relaunch(ROUTES.index)
  }, [loading, me, profile])

  const toggleElder = async (on: boolean) => {
    setElderError('')
    try {
      await setElderMode(on)
    } catch (e) {
      setElderError(toApiError(e).message)
    }
  }

  const counties = useCountiesAdministered(roles)
  const entries = entriesFor(roles, !!counties.data?.length)
  const duties = dutyEntriesFor(roles)

  return (
    <PageShell id='page-me' title='我的'>
      {profile ? (
        <View className='tq-me__card' id='profile-card'>
          <View className='tq-row'>
            <Text className='tq-me__name' id='profile-name'>
              {profile.realName}
            </Text>
            {profile.leagueMember ? (
              <Tag className='tq-me__badge' background='#ffffff' color='#c8102e'>
                <Text id='league-badge'>共青团员</Text>
              </Tag>
            ) : null}
          </View>
          <Text className='tq-me__line'>{profile.orgName}</Text>
          <View className='tq-row tq-me__facts'>
            <Text className='tq-me__fact' id='profile-phone'>
              {profile.phoneMasked}
            </Text>
            <Text className='tq-me__fact' id='profile-age'>
              {`${profile.age}岁`}
            </Text>
          </View>
        </View>
      ) : null}


      {profile ? (
        <Section title='志愿服务' id='volunteer'>
          <EntryList entries={VOLUNTEER_ENTRIES} />
        </Section>
      ) : null}

      {profile ? (
        <Section title='团代表联络站' id='station'>
          <EntryList entries={STATION_YOUTH_ENTRIES} />
        </Section>
      ) : null}

      {profile && duties.length ? (
        <Section title='我的履职' id='duty'>
          <EntryList entries={duties} />
        </Section>
      ) : null}

      {entries.length ? (
        <Section title='工作台' id='workbench'>
          <EntryList entries={entries} />
        </Section>
      ) : null}

      <Section title='我的角色' id='my-roles'>
        {roles.length ? (
          roles.map((r) => (
            <View key={r.id} className='tq-list-item tq-role-item'>
              <Text className='tq-list-item__title'>{ROLE_LABEL[r.role]}</Text>
              <Text className='tq-list-item__meta'>{r.orgName}</Text>
            </View>
          ))
        ) : (
          <EmptyState id='my-roles-empty' text='暂无角色。普通青年无需角色即可使用。' />
        )}
      </Section>

      <InviteRedeem
        onRedeemed={async () => {
          await refresh()
        }}
      />

      <Section title='设置'>
        <View className='tq-row tq-me__setting'>
          <View className='tq-grow'>
            <Text className='tq-me__setting-title'>大字模式</Text>
            <Text className='tq-muted tq-me__setting-desc'>放大全部文字和按钮</Text>
          </View>
          <Switch id='elder-switch' checked={elderMode} onChange={(on) => void toggleElder(on)} />
        </View>
        <Notice>{elderError}</Notice>
        <Button id='edit-profile' className='tq-button tq-me__edit' size='large' block onClick={() => go(ROUTES.profile)}>
          编辑档案
        </Button>
      </Section>
    </PageShell>
  )
}
