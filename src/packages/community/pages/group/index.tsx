import { useCallback } from 'react'
import { useShareAppMessage } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import { GROUP_KIND_LABELS, type GroupDetailT, type MembershipViewT } from '../../../../../types/contract/community'
import type { ErrorCode } from '../../../../../types/errors'
import { ActivityCard } from '../../../../components/activity-card'
import { JOIN_POLICY_LABELS, membersText } from '../../../../components/group-card'
import { ListFooter } from '../../../../components/load-more'
import { ListRetry } from '../../../../components/list-retry'
import { LoadState } from '../../../../components/load-state'
import { Notice } from '../../../../components/notice'
import { PageShell, Section } from '../../../../components/page-shell'
import { ToneTag } from '../../../../components/tone-tag'
import { usePageLoad, useShownAgain } from '../../../../hooks/use-page-load'
import { useNow, usePageParams } from '../../../../hooks/use-page-params'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { communityApi } from '../../../../services/api/community'
import { backToGroups, goGroupPage, groupLink } from '../../../../pages/groups/links'
import { ROUTES, go, relaunch } from '../../../../utils/routes'
import { AnnouncementList } from './announcement-list'
import { JoinPanel } from './join-panel'
import { AnnouncementSubscription } from './subscription'
import './index.scss'

/** Loading this page has nothing to retry: the group is gone, or the code scanned names none. */
const GONE = new Set<ErrorCode>(['GROUP.NOT_FOUND', 'GROUP.SCENE_INVALID'])
const NEEDS_REGISTRATION = new Set<ErrorCode>(['USER.NOT_REGISTERED', 'USER.PRIVACY_NOT_ACCEPTED'])

interface Shown {
  group: GroupDetailT
  /** From the group's mini-program code: fills in the invite code. */
  sceneCode: string | null
}

/**
 * A group's page, opened from a card (`?id=`), a share card, or the group's mini-program code
 * (`?scene=`, resolved by the server into the group and its invite code): what it is, where it sits in
 * the tower, how many are in it, and the way in. Members also see the WeChat chat's QR, the
 * announcements and the group's activities; its admins and the cadres the way to 管理.
 */
export default function GroupPage() {
  const { id, scene } = usePageParams('id', 'scene')
  const now = useNow()
  const load = useCallback(async (): Promise<Shown> => {
    let groupId = id
    let sceneCode: string | null = null
    if (!groupId) {
      const resolved = await communityApi.resolveGroupScene({ scene })
      groupId = resolved.groupId
      sceneCode = resolved.inviteCode
    }
    const { group } = await communityApi.openGroup({ groupId })
    return { group, sceneCode }
  }, [id, scene])
  const page = usePageLoad(id || scene ? load : null, 'community.openGroup')
  const g = page.data?.group ?? null
  const member = g?.membership?.status === 'active'
  const inside = !!g && (member || g.canManage)
  const groupId = g?.id ?? ''

  const fetchAnnouncements = useCallback((cursor?: string) => communityApi.listAnnouncements({ groupId, cursor }), [groupId])
  const fetchActivities = useCallback((cursor?: string) => communityApi.listGroupActivities({ groupId, cursor }), [groupId])
  const announcements = usePagedList(inside ? fetchAnnouncements : null, 'community.listAnnouncements')
  const activities = usePagedList(inside ? fetchActivities : null, 'community.listGroupActivities')

  // Back from an announcement (now read) or from 管理: the page and its lists may have changed.
  useShownAgain(() => {
    if (!page.data) return
    void page.reload()
    if (inside) void Promise.allSettled([announcements.reload(), activities.reload()])
  })

  useShareAppMessage(() => ({
    title: g ? g.name : '团青通社群',
    path: groupLink('group', { id: g?.id ?? id }),
  }))

  const setMembership = (membership: MembershipViewT) => {
    page.setData((d) => (d ? { ...d, group: { ...d.group, membership } } : d))
    // The member count and the members-only parts follow the new membership.
    void page.reload()
  }

  if (!id && !scene) {
    return (
      <PageShell id='page-group' title='社群'>
        <Notice>没有找到这个社群。</Notice>
      </PageShell>
    )
  }

  if (!g) {
    const code = page.error?.code
    return (
      <PageShell id='page-group'>
        <LoadState
          state={page}
          errorId='group-load-error'
          retryId='group-retry'
          action={
            code && GONE.has(code) ? (
              <Button id='group-back' className='tq-button' size='large' block onClick={backToGroups}>
                返回社群
              </Button>
            ) : code && NEEDS_REGISTRATION.has(code) ? (
              <Button id='group-register' className='tq-button' type='primary' size='large' block onClick={() => relaunch(ROUTES.index)}>
                去登记青年档案
              </Button>
            ) : undefined
          }
        />
      </PageShell>
    )
  }

  return (
    <PageShell id='page-group'>
      {g.coverUrl ? <Image id='group-cover' className='tq-group__cover' src={g.coverUrl} mode='aspectFill' /> : null}
      <View className='tq-group__head'>
        <View className='tq-row'>
          <ToneTag tone='blue' id='group-kind'>
            {GROUP_KIND_LABELS[g.kind]}
          </ToneTag>
          <ToneTag tone='grey' id='group-policy'>
            {JOIN_POLICY_LABELS[g.joinPolicy]}
          </ToneTag>
        </View>
        <Text className='tq-group__name' id='group-name'>
          {g.name}
        </Text>
        <Text className='tq-group__org' id='group-org'>
          {g.orgName}
        </Text>
        <Text className='tq-group__line' id='group-members'>
          {membersText(g)}
          {g.reach > g.members ? <Text className='tq-muted'>{` · 连同下级社群共 ${g.reach} 人`}</Text> : null}
        </Text>
        {g.parentId && g.parentName ? (
          <Text className='tq-group__link' id='group-parent' onClick={() => goGroupPage('group', { id: g.parentId ?? undefined })}>
            {`上级社群：${g.parentName} ›`}
          </Text>
        ) : null}
        {g.tags.length ? (
          <View className='tq-tags tq-group__tags' id='group-tags'>
            {g.tags.map((t) => (
              <ToneTag key={t} tone='red'>
                {t}
              </ToneTag>
            ))}
          </View>
        ) : null}
        {g.canManage ? (
          <Button id='group-manage' className='tq-button tq-group__manage' type='primary' fill='outline' block onClick={() => goGroupPage('manage', { id: g.id })}>
            管理
          </Button>
        ) : null}
      </View>

      <Section title='加入社群' id='group-membership'>
        <JoinPanel group={g} sceneCode={page.data?.sceneCode ?? null} onMembership={setMembership} onStale={() => void page.reload()} />
      </Section>

      {g.description ? (
        <Section title='社群简介' id='group-about'>
          <Text className='tq-group__text' id='group-description' userSelect>
            {g.description}
          </Text>
        </Section>
      ) : null}

      {member && g.chatQrUrl ? (
        <Section title='社群微信群' id='group-chat'>
          <View className='tq-group__qr-box'>
            <Image id='group-chat-qr' className='tq-group__qr' src={g.chatQrUrl} mode='aspectFit' showMenuByLongpress />
            <Text className='tq-muted' id='group-chat-hint'>
              长按识别二维码，加入社群的微信群
            </Text>
          </View>
        </Section>
      ) : null}

      {inside ? (
        <Section title='社群公告' id='group-announcements'>
          {member && g.membership ? <AnnouncementSubscription groupId={g.id} subscribed={g.membership.subscribed} onChanged={setMembership} /> : null}
          <AnnouncementList list={announcements} now={now} />
        </Section>
      ) : null}

      {inside ? (
        <Section title='社群活动' id='group-activities'>
          {activities.items.map((a) => (
            <ActivityCard key={a.id} activity={a} now={now} onClick={() => go(ROUTES.activity, { id: a.id })} />
          ))}
          <ListFooter list={activities} id='group-activities-more' emptyText='暂时没有面向本社群的活动' />
          <ListRetry list={activities} id='group-activities-retry' />
        </Section>
      ) : null}
    </PageShell>
  )
}
