import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { communityContract, type CreateGroupInputT } from '../../../types/contract/community'
import { actions } from '../../../cloudfunctions/community/actions'
import { localCaller } from '../../../cloudfunctions/_core/runtime/caller'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import type { Deps } from '../../../cloudfunctions/_core/runtime/context'
import type { Db } from '../../../cloudfunctions/_core/runtime/db'
import { createHandler } from '../../../cloudfunctions/_core/runtime/serve'
import { failing, type Failure, type WriteOp } from '../../fixtures/failing-db'
import { errCode, ok, testCloud, type TestCloud } from '../../fixtures/test-cloud'

/**
 * Coverage (community/coverage.ts) against the membership documents themselves: random towers of
 * groups over three orgs of 阳城县, random youth joining and leaving — some at once, the same youth
 * joining and leaving together — subtrees moved, sweeps between. After each program and a last
 * sweep, every group's reach is the distinct youth of the active memberships of the group and of
 * every group below it (found by the stored parent links, not by path), its members its active
 * memberships, and each org's coverage the distinct youth of the groups of its subtree of orgs.
 */
let cloud: TestCloud
const YOUTH = 30
beforeAll(async () => {
  cloud = await testCloud({ youth: YOUTH })
})
afterAll(() => cloud.close())

const youth = (i: number) => `seed-youth-${String(i + 1).padStart(4, '0')}`
/** The county's admin makes groups for the county and for 凤城镇; 润城镇's cadre for 润城镇. */
const ORGS = [
  { orgId: 'yc', maker: 'dev-admin' },
  { orgId: 'yc-rc', maker: 'dev-cadre' },
  { orgId: 'yc-fc', maker: 'dev-admin' },
] as const
const SWEEP_AFTER_MS = 6 * 60_000

function groupInput(orgId: string, parentGroupId: string | null, capacity: number | null): CreateGroupInputT {
  return {
    requestId: randomUUID(),
    orgId,
    parentGroupId,
    name: '覆盖测试社群',
    kind: 'interest',
    tags: [],
    description: '用来核对覆盖人数。',
    cover: null,
    joinPolicy: 'open',
    capacity,
    chatQr: null,
  }
}

const join = (who: string, groupId: string) => cloud.as(who).community.joinGroup({ groupId })
const leave = (who: string, groupId: string) => cloud.as(who).community.leaveGroup({ groupId })

/** A join is answered joined or full; a leave left or "not a member" — never a conflict, never an error. */
async function expectTruthful(res: Promise<{ ok: boolean; error?: { code: string } }>, allowed: string[]): Promise<void> {
  const r = await res
  if (!r.ok) expect(allowed).toContain(r.error!.code)
}

async function sweep(): Promise<void> {
  cloud.clock.advance(SWEEP_AFTER_MS)
  for (let i = 0; i < 10; i++) {
    const r = ok(await cloud.timer('community', 'sweepMemberships')) as { more: boolean }
    if (!r.more) return
  }
}

/** The group and every group below it, by the parentId links as stored. */
function descendants(groupId: string): string[] {
  const children = new Map<string, string[]>()
  for (const g of cloud.docs(COLLECTIONS.groups)) if (g.parentId) children.set(g.parentId, [...(children.get(g.parentId) ?? []), g._id])
  const out: string[] = []
  const stack = [groupId]
  while (stack.length) {
    const id = stack.pop()!
    out.push(id)
    stack.push(...(children.get(id) ?? []))
  }
  return out
}

/** The org and every org below it, by the orgs' parentId links. */
function orgSubtree(orgId: string): Set<string> {
  const orgs = cloud.docs(COLLECTIONS.orgs)
  const out = new Set([orgId])
  for (let grew = true; grew; ) {
    grew = false
    for (const o of orgs) if (o.parentId && out.has(o.parentId) && !out.has(o._id)) (out.add(o._id), (grew = true))
  }
  return out
}

const active = () => cloud.docs(COLLECTIONS.memberships, { status: 'active' })
const distinctUsers = (ms: Record<string, any>[]) => new Set(ms.map((m) => m.userId)).size

/** Each group's reach and members and each org's coverage, as the actions answer them and as the brute force counts them. */
async function coverageFigures(groupIds: string[]) {
  const memberships = active()
  const actual: Record<string, number> = {}
  const expected: Record<string, number> = {}
  for (const id of groupIds) {
    const under = new Set(descendants(id))
    const view = ok(await cloud.as('dev-admin').community.getGroup({ groupId: id })).group
    actual[`reach ${id}`] = view.reach
    expected[`reach ${id}`] = distinctUsers(memberships.filter((m) => under.has(m.groupId)))
    actual[`members ${id}`] = view.members
    expected[`members ${id}`] = memberships.filter((m) => m.groupId === id).length
  }
  const orgOfGroup = new Map(cloud.docs(COLLECTIONS.groups).map((g) => [g._id, g.orgId as string]))
  for (const orgId of ORGS.map((o) => o.orgId)) {
    const orgs = orgSubtree(orgId)
    actual[`org ${orgId}`] = ok(await cloud.as('dev-admin').community.orgCoverage({ orgId })).reach
    expected[`org ${orgId}`] = distinctUsers(memberships.filter((m) => orgs.has(orgOfGroup.get(m.groupId)!)))
  }
  return { actual, expected }
}

async function expectCoverageMatches(groupIds: string[]): Promise<void> {
  const { actual, expected } = await coverageFigures(groupIds)
  expect(actual).toEqual(expected)
}

type Op = { kind: 'join' | 'leave'; youth: number; group: number }
type Step =
  | Op
  | { kind: 'together'; ops: Op[] }
  | { kind: 'flip'; youth: number; group: number }
  | { kind: 'move'; group: number; under: number | null }
  | { kind: 'sweep' }

const op = fc.record({ kind: fc.constantFrom('join' as const, 'leave' as const), youth: fc.nat(YOUTH - 1), group: fc.nat() })
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: op, weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('together' as const), ops: fc.array(op, { minLength: 2, maxLength: 5 }) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('flip' as const), youth: fc.nat(YOUTH - 1), group: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('move' as const), group: fc.nat(), under: fc.option(fc.nat(), { nil: null }) }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'sweep' as const }), weight: 1 },
)
const tower = fc.array(
  fc.record({ org: fc.nat(ORGS.length - 1), parent: fc.option(fc.nat(), { nil: null }), capacity: fc.option(fc.integer({ min: 2, max: 6 }), { nil: null }) }),
  { minLength: 6, maxLength: 12 },
)

async function build(spec: { org: number; parent: number | null; capacity: number | null }[]): Promise<string[]> {
  const ids: string[] = []
  const orgOf: string[] = []
  for (const [i, g] of spec.entries()) {
    const { orgId, maker } = ORGS[g.org]
    const p = i === 0 || g.parent === null ? null : g.parent % i
    // 润城镇's cadre cannot hang a group under 凤城镇's: the county's admin, who manages both, does.
    const by = p !== null && maker === 'dev-cadre' && orgOf[p] === 'yc-fc' ? 'dev-admin' : maker
    ids.push(ok(await cloud.as(by).community.createGroup(groupInput(orgId, p === null ? null : ids[p], g.capacity))).group.id)
    orgOf.push(orgId)
  }
  return ids
}

function run(o: Op, ids: string[]): Promise<void> {
  const g = ids[o.group % ids.length]
  return o.kind === 'join' ? expectTruthful(join(youth(o.youth), g), ['GROUP.FULL']) : expectTruthful(leave(youth(o.youth), g), ['GROUP.NOT_MEMBER'])
}

async function moveSubtree(ids: string[], s: Extract<Step, { kind: 'move' }>): Promise<void> {
  const g = ids[s.group % ids.length]
  // Under a group of this tower outside the moved subtree, or to the top; always somewhere else.
  const below = new Set(descendants(g))
  const parent = (cloud.emulator.store.get(COLLECTIONS.groups, g) as { parentId: string | null }).parentId
  const targets: (string | null)[] = [null, ...ids.filter((id) => !below.has(id))].filter((t) => t !== parent)
  if (!targets.length) return
  const under = targets[(s.under ?? 0) % targets.length]
  const moved = ok(await cloud.as('dev-admin').community.moveGroup({ groupId: g, newParentId: under }))
  expect(moved.group.parentId).toBe(under)
}

it('every group’s reach and members and every org’s coverage equal the brute-force count after random programs', async () => {
  await fc.assert(
    fc.asyncProperty(tower, fc.array(step, { minLength: 8, maxLength: 24 }), async (spec, steps) => {
      const ids = await build(spec)
      for (const s of steps) {
        if (s.kind === 'join' || s.kind === 'leave') await run(s, ids)
        else if (s.kind === 'together') await Promise.all(s.ops.map((o) => run(o, ids)))
        else if (s.kind === 'flip') await Promise.all([run({ ...s, kind: 'join' }, ids), run({ ...s, kind: 'leave' }, ids), run({ ...s, kind: 'join' }, ids)])
        else if (s.kind === 'move') await moveSubtree(ids, s)
        else await sweep()
      }
      await sweep()
      await expectCoverageMatches(ids)
    }),
    { numRuns: 20 },
  )
}, 120_000)

describe('a join cut short', () => {
  const handlerWith = (db: Db) => createHandler(communityContract, actions, (): Deps => ({ ...cloud.deps(), db }))
  const joinThrough = (db: Db, who: string, groupId: string) => handlerWith(db).handle({ action: 'joinGroup', payload: { groupId } }, localCaller(who))
  /** Fails the `nth` write of `op` on `collection` (counting from 0), once. */
  const failNth = (collection: string, op: WriteOp, nth: number, how: Failure = 'crash') => {
    let n = 0
    return failing(cloud.deps().db, (c, o) => (c === collection && o === op && n++ === nth ? how : null))
  }

  it('a coverage write that died mid-join is finished by the sweep: reach equals the brute force', async () => {
    const [top, mid, leaf] = await build([
      { org: 0, parent: null, capacity: null },
      { org: 1, parent: 0, capacity: null },
      { org: 1, parent: 1, capacity: null },
    ])
    ok(await join(youth(0), leaf))
    // The third update of a coverage mark dies: some of the youth's nodes are counted, some not.
    const res = await joinThrough(failNth(COLLECTIONS.groupReach, 'update', 2), youth(1), leaf)
    expect(errCode(res)).toBe('GENERIC.INTERNAL')
    expect(cloud.docs(COLLECTIONS.memberships, { groupId: leaf, status: 'active' })).toHaveLength(3)
    // Some of the youth's five nodes (three groups, two orgs) count them and some do not yet.
    const cut = await coverageFigures([top, mid, leaf])
    expect(cut.actual).not.toEqual(cut.expected)
    await sweep()
    await expectCoverageMatches([top, mid, leaf])
    expect(ok(await cloud.as('dev-admin').community.getGroup({ groupId: top })).group.reach).toBe(4)
  })

  it('a place whose membership was never written goes back by the sweep after five minutes', async () => {
    const [top, leaf] = await build([
      { org: 0, parent: null, capacity: null },
      { org: 1, parent: 0, capacity: 3 },
    ])
    ok(await join(youth(2), leaf))
    const res = await joinThrough(failNth(COLLECTIONS.memberships, 'add', 0), youth(3), leaf)
    expect(errCode(res)).toBe('GENERIC.INTERNAL')
    expect(cloud.docs(COLLECTIONS.memberships, { groupId: leaf, status: 'active' })).toHaveLength(2)
    const members = async () => ok(await cloud.as('dev-admin').community.getGroup({ groupId: leaf })).group.members
    // The place is held though nobody joined: the group looks full to the next youth.
    expect(await members()).toBe(3)
    expect(errCode(await join(youth(4), leaf))).toBe('GROUP.FULL')
    // Within the grace the sweep leaves it: the join might still be running.
    cloud.clock.advance(60_000)
    expect(ok(await cloud.timer('community', 'sweepMemberships'))).toMatchObject({ seatsFreed: 0 })
    expect(await members()).toBe(3)
    cloud.clock.advance(SWEEP_AFTER_MS)
    expect(ok(await cloud.timer('community', 'sweepMemberships'))).toMatchObject({ seatsFreed: 1 })
    expect(await members()).toBe(2)
    await expectCoverageMatches([top, leaf])
    // The place is free again, and the youth whose join died can join.
    expect(ok(await join(youth(3), leaf)).membership.status).toBe('active')
    expect(await members()).toBe(3)
    await expectCoverageMatches([top, leaf])
  })

  /** A database whose first add to `collection` waits, once reached, until released. */
  function holdingAdd(collection: string) {
    let release!: () => void
    let reached!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const atGate = new Promise<void>((r) => (reached = r))
    const real = cloud.deps().db
    const db = new Proxy(real, {
      get(target, prop) {
        if (prop !== 'collection') return (target as any)[prop]
        return (name: string) => {
          const coll = target.collection(name)
          if (name !== collection) return coll
          const add = async (o: { data: Record<string, unknown> }) => {
            reached()
            await gate
            return coll.add(o)
          }
          return new Proxy(coll, { get: (c, p) => (p === 'add' ? add : typeof (c as any)[p] === 'function' ? (c as any)[p].bind(c) : (c as any)[p]) })
        }
      },
    }) as Db
    return { db, atGate, release }
  }

  // Known to fail: enter() settles the coverage with the group as the join read it at its start. A
  // tower move that commits and marks the subtree's memberships between that read and the
  // membership's first write leaves the new membership counted under the old tower, settled
  // (reachDue false), so no sweep ever moves it. Turn into it() once the join settles with the
  // group as it is after its write.
  it('a join whose membership is written after a move of its group counts under the new tower', async () => {
    const [a, b, c] = await build([
      { org: 0, parent: null, capacity: null },
      { org: 0, parent: null, capacity: null },
      { org: 0, parent: 0, capacity: null },
    ])
    const held = holdingAdd(COLLECTIONS.memberships)
    const joining = joinThrough(held.db, youth(5), c)
    await held.atGate
    ok(await cloud.as('dev-admin').community.moveGroup({ groupId: c, newParentId: b }))
    held.release()
    expect(ok(await joining)).toMatchObject({ membership: { status: 'active' } })
    await sweep()
    await expectCoverageMatches([a, b, c])
  })
})
