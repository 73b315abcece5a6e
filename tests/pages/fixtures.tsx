import type { ReactElement } from 'react'
import { render } from '@testing-library/react'
import { PRIVACY_VERSION } from '../../types/enums'
import type { ProfileViewT, RoleViewT, OrgViewT } from '../../types/contract/user'
import type { Me } from '../../src/hooks/use-session'
import { SessionProvider } from '../../src/hooks/use-session'
import type { contracts } from '../../types/contract'
import { mockedActions } from './api-mock'
import { ApiError } from '../../src/services/api'

type Mocks<C extends { actions: object }> = Record<keyof C['actions'], jest.Mock>

/** The mocked actions (see api-mock.ts), by function: every action a jest.Mock. */
export const api = mockedActions as unknown as {
  user: Mocks<typeof contracts.user>
  activity: Mocks<typeof contracts.activity>
  points: Mocks<typeof contracts.points>
}

const T0 = Date.UTC(2026, 10, 1, 2, 0, 0) // 2026-11-01 10:00 in Shanghai

export function profile(over: Partial<ProfileViewT> = {}): ProfileViewT {
  return {
    userId: 'u-li',
    realName: '李青',
    gender: 'female',
    birthDate: '1998-05-01',
    age: 28,
    phoneMasked: '138****5678',
    idMasked: null,
    orgId: 'b-dongjie',
    orgName: '东街社区团支部',
    townshipId: 't-chengguan',
    townshipName: '城关镇团委',
    sector: 'ecommerce',
    skills: ['短视频'],
    interests: ['篮球'],
    needs: ['employment'],
    leagueMember: true,
    elderMode: false,
    guardianName: null,
    privacyVersion: PRIVACY_VERSION,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  }
}

export function role(over: Partial<RoleViewT> = {}): RoleViewT {
  return {
    id: 'r-1',
    role: 'cadre',
    orgId: 't-chengguan',
    orgName: '城关镇团委',
    userId: 'u-li',
    userName: '李青',
    via: 'invite',
    grantedAt: T0,
    ...over,
  }
}

export function me(over: Partial<Me> = {}): Me {
  return {
    profile: profile(),
    roles: [],
    privacy: { current: PRIVACY_VERSION, accepted: PRIVACY_VERSION },
    ...over,
  }
}

export const unregistered = (): Me => ({ profile: null, roles: [], privacy: { current: PRIVACY_VERSION, accepted: null } })

/** A small tree: 阳城县 → 城关镇 → 东街社区团支部 (leaf), 城关镇 → 西街团支部 (leaf). */
export const ORGS: OrgViewT[] = [
  { id: 'c-yangcheng', name: '阳城县团委', kind: 'county', parentId: null, depth: 0 },
  { id: 't-chengguan', name: '城关镇团委', kind: 'township', parentId: 'c-yangcheng', depth: 1 },
  { id: 'b-dongjie', name: '东街社区团支部', kind: 'branch', parentId: 't-chengguan', depth: 2 },
  { id: 'b-xijie', name: '西街团支部', kind: 'branch', parentId: 't-chengguan', depth: 2 },
]

/**
 * getOrgTree answered from ORGS as the server answers (cloudfunctions/user/actions/get-org-tree.ts):
 * rootId itself and `depth` levels below it (3 unless asked), or each county with its levels; by depth,
 * then name. An unknown rootId is ORG.NOT_FOUND.
 */
export function orgTreeAnswer(input: { rootId?: string; depth?: number }) {
  const levels = input.depth ?? 3
  const below = (top: OrgViewT): OrgViewT[] => {
    const under = (id: string): OrgViewT[] => ORGS.filter((o) => o.parentId === id).flatMap((o) => [o, ...under(o.id)])
    return [top, ...under(top.id).filter((o) => o.depth <= top.depth + levels)]
  }
  const top = input.rootId ? ORGS.find((o) => o.id === input.rootId) : undefined
  if (input.rootId && !top) return Promise.reject(new ApiError('ORG.NOT_FOUND'))
  const orgs = top ? below(top) : ORGS.filter((o) => o.parentId === null).flatMap(below)
  return Promise.resolve({ orgs: orgs.sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name, 'zh-Hans-CN')) })
}

export function renderWithSession(ui: ReactElement) {
  return render(<SessionProvider>{ui}</SessionProvider>)
}
