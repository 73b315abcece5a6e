import type { GroupFiguresT, GroupViewT, MemberViewT } from '../../types/contract/community'
import { me, role } from './fixtures'
import { groupDetail, membership } from './community-fixtures'

/**
 * Answers for the pages of a group's admins and the cadres (tests/pages/community-*.test.tsx): the
 * tower's groups, members and applicants, figures. The youth's answers are in community-fixtures.ts.
 */

export const T0 = Date.UTC(2026, 10, 1, 2) // 2026-11-01 10:00 in Shanghai
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** 城关镇团委's cadre 李青 (user u-li). */
export const cadre = () => me({ roles: [role({ role: 'cadre', orgId: 't-chengguan', orgName: '城关镇团委' })] })

/** A group as the cadres see it: 城关镇青年志愿者, at the top of 城关镇团委's tower. */
export function groupView(over: Partial<GroupViewT> = {}): GroupViewT {
  return {
    id: 'g-vol',
    name: '城关镇青年志愿者',
    kind: 'volunteer_team',
    tags: ['志愿服务'],
    description: '城关镇的青年志愿服务队。',
    cover: null,
    coverCheck: null,
    joinPolicy: 'approval',
    capacity: null,
    orgId: 't-chengguan',
    orgName: '城关镇团委',
    parentId: null,
    depth: 0,
    chatQr: null,
    chatQrCheck: null,
    inviteCode: null,
    members: 30,
    reach: 42,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  }
}

/** An applicant (status pending) or, with `status: 'active'`, a member. */
export function memberView(over: Partial<MemberViewT> = {}): MemberViewT {
  return {
    id: 'm-zhang',
    groupId: 'g-vol',
    role: 'member',
    status: 'pending',
    requestedAt: T0,
    joinedAt: null,
    reason: null,
    subscribed: false,
    userId: 'u-zhang',
    name: '张晓',
    sector: 'delivery',
    townshipName: '城关镇团委',
    message: '我是快递小哥，想参加志愿服务。',
    ...over,
  }
}

export function figures(over: Partial<GroupFiguresT> = {}): GroupFiguresT {
  return { members: 30, newThisMonth: 4, active30d: 18, activities: 3, hours: 52.5, groups: 1, ...over }
}

/** The group's page as its manager opens it: 城关镇青年志愿者, the caller its owner. */
export function managedDetail(over: Parameters<typeof groupDetail>[0] = {}) {
  return groupDetail({
    id: 'g-vol',
    name: '城关镇青年志愿者',
    kind: 'volunteer_team',
    joinPolicy: 'approval',
    capacity: 31,
    members: 30,
    reach: 42,
    canManage: true,
    membership: membership({ id: 'm-li', groupId: 'g-vol', role: 'owner' }),
    ...over,
  })
}
