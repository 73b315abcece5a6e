import type { DutyYearT, OpinionViewT, PersonViewT, VisitViewT, stationContract } from '../../types/contract/station'
import { mockedActions } from './api-mock'

/** The station function's mocked actions (see api-mock.ts): `station.myDuties.mockResolvedValue(…)`. */
export const station = mockedActions.station as Record<keyof typeof stationContract.actions, jest.Mock>

/** 2026-11-20 09:00 in Shanghai. */
export const T0 = Date.UTC(2026, 10, 20, 1, 0, 0)

export function page<T>(items: T[], nextCursor: string | null = null) {
  return { items, nextCursor }
}

/** 赵敏, representative at 榆次区团代表联络站（锦纶分站）, in office this year. */
export function post(over: Partial<PersonViewT> = {}): PersonViewT {
  return {
    id: 'p-zhao-jl',
    userId: 'u-zhao',
    name: '赵敏',
    mobile: '139****2233',
    post: 'representative',
    venueId: 's-jl',
    venueName: '锦纶分站',
    team: '就业创业组',
    termStart: '2026-01-01',
    termEnd: '2028-12-31',
    active: true,
    ...over,
  }
}

export function visit(over: Partial<VisitViewT> = {}): VisitViewT {
  return {
    id: 'v-1',
    venueId: 's-jl',
    venueName: '锦纶分站',
    userId: 'u-zhao',
    name: '赵敏',
    startedAt: T0,
    endedAt: T0 + 90 * 60_000,
    minutes: 90,
    autoEnded: false,
    ...over,
  }
}

/** A committee member's year with a talk done and the survey and service still owed. */
export function dutyYear(over: Partial<DutyYearT> = {}): DutyYearT {
  return {
    userId: 'u-zhao',
    name: '赵敏',
    post: 'committee',
    venueId: 's-jl',
    venueName: '锦纶分站',
    year: 2026,
    counts: { talk: 1, survey: 0, service: 0, forum: 2 },
    minimum: { talk: 1, survey: 1, service: 1, forum: 0 },
    missing: ['survey', 'service'],
    visits: 3,
    visitMinutes: 150,
    ...over,
  }
}

/** An opinion from 王晓青 at 锦纶分站, waiting to be assigned, as the handling cadre sees it. */
export function opinion(over: Partial<OpinionViewT> = {}): OpinionViewT {
  return {
    id: 'o-1',
    state: 'submitted',
    category: 'employment',
    text: '希望联络站多办几场返乡青年创业培训。',
    photoUrls: [],
    anonymous: false,
    authorName: '王晓青',
    authorMobile: '138****1234',
    venueId: 's-jl',
    venueName: '锦纶分站',
    orgId: 'yuci-jl',
    orgName: '锦纶社区团委',
    assigneeUserId: null,
    assigneeName: null,
    reply: null,
    rating: null,
    ratingComment: null,
    submittedAt: T0,
    overdue: false,
    steps: [{ state: 'submitted', at: T0, by: '王晓青' }],
    mine: false,
    canReply: false,
    canAssign: true,
    ...over,
  }
}

/** The same opinion assigned to 赵敏, as she sees it (she may reply). */
export function assignedOpinion(over: Partial<OpinionViewT> = {}): OpinionViewT {
  return opinion({
    state: 'assigned',
    authorMobile: null,
    assigneeUserId: 'u-zhao',
    assigneeName: '赵敏',
    steps: [
      { state: 'submitted', at: T0, by: '王晓青' },
      { state: 'assigned', at: T0 + 3600_000, by: '李干部' },
    ],
    canReply: true,
    canAssign: false,
    ...over,
  })
}
