import { randomUUID } from 'node:crypto'
import { roleIdFor } from '../../../cloudfunctions/_core/access/access.repo'
import { FOLLOW_GRACE_MS } from '../../../cloudfunctions/_core/org'
import { localCaller } from '../../../cloudfunctions/_core/runtime/caller'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import type { Deps } from '../../../cloudfunctions/_core/runtime/context'
import type { Db } from '../../../cloudfunctions/_core/runtime/db'
import { createHandler } from '../../../cloudfunctions/_core/runtime/serve'
import { actions } from '../../../cloudfunctions/user/actions'
import { userContract } from '../../../types/contract/user'
import { failing } from '../../fixtures/failing-db'
import { putGoods, putYouth } from '../../fixtures/mall'
import { errCode, ok, snapshot, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'
import { makeDonor } from '../points/goods.inputs'

/**
 * Venues, goods, donors and orders carry their org's chain (`underOrgs`) for scope queries. When an
 * org moves, the records of it and of everything below it follow to the new parent — right after
 * the move, or, if the mover died or failed after the commit, by the `followOrgMoves` timer — while
 * ledger entries keep the chain they were written under (docs/domain.md "Orgs and scope").
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
  // 凤城镇's cadre, beside dev-cadre at 润城镇: the new and the old parent of the moves below.
  cloud.emulator.store.upsert(COLLECTIONS.roles, { _id: roleIdFor('fc-cadre', 'cadre', 'yc-fc', null), openid: 'fc-cadre', userId: null, role: 'cadre', orgId: 'yc-fc', venueId: null, via: 'grant', grantedBy: null, grantedAt: 0 })
})
afterAll(() => cloud.close())
beforeEach(() => cloud.clock.set(TEST_NOW))

const FOLLOWING = [COLLECTIONS.venues, COLLECTIONS.goods, COLLECTIONS.donors, COLLECTIONS.orders, COLLECTIONS.groups]
const org = (id: string) => cloud.emulator.store.get(COLLECTIONS.orgs, id) as Record<string, any>
const stored = (collection: string, id: string) => cloud.emulator.store.get(collection, id) as Record<string, any>

interface Records {
  venues: string[]
  goods: string[]
  donors: string[]
  orders: string[]
  groups: string[]
  debits: string[]
}

let n = 0
/**
 * A working committee under 润城镇 with one branch under it, each with a pickup venue, a donor, a
 * goods item on sale there and a youth's order of it — made as their cadre and the youth would.
 */
async function subtreeWithRecords(): Promise<{ wc: string; branch: string; records: Records }> {
  const i = ++n
  const wc = ok(await cloud.as('dev-admin').user.createOrg({ parentId: 'yc-rc', name: `润城镇第${i}团工委`, kind: 'working_committee' })).org.id
  const branch = ok(await cloud.as('dev-admin').user.createOrg({ parentId: wc, name: `润城镇第${i}团工委第一团支部`, kind: 'branch' })).org.id
  const records: Records = { venues: [], goods: [], donors: [], orders: [], groups: [], debits: [] }
  for (const orgId of [wc, branch]) {
    const path = [...org(orgId).path, orgId]
    const { venue } = ok(
      await cloud.as('dev-cadre').points.saveVenue({ requestId: randomUUID(), orgId, name: '青年之家兑换点', address: '阳城县润城镇中街 18 号', lat: 35.4864, lng: 112.4066, hours: '周一至周五 9:00–17:00', kind: 'pickup' }),
    )
    const donor = await makeDonor(cloud, { orgId })
    const goods = putGoods(cloud, `g-follow-${i}-${orgId}`, 10, { orgId, underOrgs: path, donorId: donor.id, venueIds: [venue.id] })
    const youth = `follow-youth-${i}-${orgId}`
    putYouth(cloud, youth, { balance: 50 })
    const { order } = ok(await cloud.as(youth).points.redeem({ requestId: randomUUID(), goodsId: goods._id, quantity: 1 }))
    records.venues.push(venue.id)
    records.donors.push(donor.id)
    records.goods.push(goods._id)
    records.orders.push(order.id)
    const { group } = ok(
      await cloud.as('dev-cadre').community.createGroup({ requestId: randomUUID(), orgId, parentGroupId: null, name: '团工委青年网群', kind: 'org_group', tags: [], description: '发布活动和通知。', cover: null, joinPolicy: 'open', capacity: null }),
    )
    records.groups.push(group.id)
    records.debits.push(stored(COLLECTIONS.orders, order.id).debitId)
  }
  return { wc, branch, records }
}

/** Every page of a cadre's listing of an org's subtree, as ids. */
async function allIds(list: (cursor?: string) => Promise<{ items: { id: string }[]; nextCursor: string | null }>): Promise<string[]> {
  const ids: string[] = []
  for (let cursor: string | undefined; ; ) {
    const page = await list(cursor)
    ids.push(...page.items.map((x) => x.id))
    if (!page.nextCursor) return ids
    cursor = page.nextCursor
  }
}

/** What a cadre's own listings show under `orgId`: venues, donors and goods (with every status). */
async function listedUnder(openid: string, orgId: string) {
  const as = cloud.as(openid).points
  return {
    venues: await allIds(async (cursor) => ok(await as.listVenues({ orgId, cursor, limit: 100 }))),
    donors: await allIds(async (cursor) => ok(await as.listDonors({ orgId, cursor, limit: 100 }))),
    goods: await allIds(async (cursor) => ok(await as.manageGoods({ orgId, cursor, limit: 100 }))),
  }
}

/** The records sit under 凤城镇 for its cadre, and no longer under 润城镇 for the old one. */
async function expectUnderFengcheng(r: Records): Promise<void> {
  const fc = await listedUnder('fc-cadre', 'yc-fc')
  const rc = await listedUnder('dev-cadre', 'yc-rc')
  for (const kind of ['venues', 'donors', 'goods'] as const) {
    expect({ kind, listed: r[kind].filter((id) => fc[kind].includes(id)) }).toEqual({ kind, listed: r[kind] })
    expect({ kind, listed: r[kind].filter((id) => rc[kind].includes(id)) }).toEqual({ kind, listed: [] })
  }
  // Orders and groups are found by their chain the same way (the donor board's figures, an org's groups).
  for (const [collection, id] of [...r.orders.map((id) => [COLLECTIONS.orders, id]), ...r.groups.map((id) => [COLLECTIONS.groups, id])]) {
    const o = stored(collection, id)
    expect(o.underOrgs).toEqual([...org(o.orgId).path, o.orgId])
    expect(o.underOrgs).toContain('yc-fc')
    expect(o.underOrgs).not.toContain('yc-rc')
  }
}

const followState = () => snapshot(cloud, [...FOLLOWING, COLLECTIONS.orgs, COLLECTIONS.ledgerEntries])

describe('records follow a moved org', () => {
  // Each move's mark is cleared by the timer's pass after the grace, so the next test starts with none owed.
  afterEach(async () => {
    cloud.clock.set(TEST_NOW + 10 * FOLLOW_GRACE_MS)
    ok(await cloud.timer('user', 'followOrgMoves'))
    expect(cloud.docs(COLLECTIONS.orgs).filter((o) => o.followPending !== undefined)).toEqual([])
  })

  it('moves the venues, goods, donors and orders of the org and of every org below it to the new parent', async () => {
    const { wc, branch, records } = await subtreeWithRecords()
    const before = await listedUnder('dev-cadre', 'yc-rc')
    expect(records.venues.every((id) => before.venues.includes(id))).toBe(true)

    ok(await cloud.as('dev-admin').user.moveOrg({ orgId: wc, newParentId: 'yc-fc' }))

    await expectUnderFengcheng(records)
    expect(stored(COLLECTIONS.venues, records.venues[1]).underOrgs).toEqual(['yc', 'yc-fc', wc, branch])
    // The mark stays for the timer's second pass after the grace, which clears it.
    expect(org(wc).followPending).toBe(TEST_NOW)
    // The ledger is history: the debits keep the chain they were written under.
    for (const id of records.debits) expect(stored(COLLECTIONS.ledgerEntries, id).underOrgs).toContain('yc-rc')
  })

  it('follows the tree as it is now after two moves in a row', async () => {
    const { wc, records } = await subtreeWithRecords()
    ok(await cloud.as('dev-admin').user.moveOrg({ orgId: wc, newParentId: 'yc-dd' }))
    cloud.clock.set(TEST_NOW + 1000)
    ok(await cloud.as('dev-admin').user.moveOrg({ orgId: wc, newParentId: 'yc-fc' }))
    await expectUnderFengcheng(records)
    for (const c of FOLLOWING) expect(cloud.docs(c).filter((d) => d.underOrgs.includes('yc-dd') && (d.orgId === wc || d.underOrgs.includes(wc)))).toEqual([])
  })

  it('catches, after the grace, a record saved during the move from the chain read before it', async () => {
    const { wc, records } = await subtreeWithRecords()
    ok(await cloud.as('dev-admin').user.moveOrg({ orgId: wc, newParentId: 'yc-fc' }))
    // A cadre's save that read 润城镇's chain before the move lands just after its rewrite.
    const late = stored(COLLECTIONS.goods, records.goods[0])
    cloud.emulator.store.upsert(COLLECTIONS.goods, { ...late, underOrgs: ['yc', 'yc-rc', wc] })
    expect(ok(await cloud.timer('user', 'followOrgMoves'))).toEqual({ finished: 0, failed: 0, more: false }) // within the grace
    cloud.clock.set(TEST_NOW + FOLLOW_GRACE_MS + 1)
    expect(ok(await cloud.timer('user', 'followOrgMoves'))).toEqual({ finished: 1, failed: 0, more: false })
    await expectUnderFengcheng(records)
    expect(org(wc).followPending).toBeUndefined()
  })
})

describe('a rewrite the mover never finished', () => {
  const handlerWith = (db: Db) => createHandler(userContract, actions, (): Deps => ({ ...cloud.deps(), db }))
  const move = (db: Db, orgId: string) => handlerWith(db).handle({ action: 'moveOrg', payload: { orgId, newParentId: 'yc-fc' } }, localCaller('dev-admin'))

  async function expectTimerFinishes(wc: string, records: Records): Promise<void> {
    expect(org(wc).followPending).toBe(cloud.clock.now())
    // Within the grace the mover may still be at it: the timer leaves the move alone.
    expect(ok(await cloud.timer('user', 'followOrgMoves'))).toEqual({ finished: 0, failed: 0, more: false })
    expect(stored(COLLECTIONS.venues, records.venues[0]).underOrgs).toContain('yc-rc')

    cloud.clock.set(TEST_NOW + FOLLOW_GRACE_MS + 1)
    expect(ok(await cloud.timer('user', 'followOrgMoves'))).toEqual({ finished: 1, failed: 0, more: false })
    await expectUnderFengcheng(records)
    expect(org(wc).followPending).toBeUndefined()

    const after = followState()
    cloud.clock.set(TEST_NOW + 3 * FOLLOW_GRACE_MS)
    expect(ok(await cloud.timer('user', 'followOrgMoves'))).toEqual({ finished: 0, failed: 0, more: false })
    expect(followState()).toBe(after)
  }

  it('is finished by the timer when the rewrite failed after the commit; the move itself stands and is answered', async () => {
    const { wc, records } = await subtreeWithRecords()
    const res = ok(await move(failing(cloud.deps().db, (c, op) => (c === COLLECTIONS.venues && op === 'update' ? 'crash' : null)), wc)) as { org: { parentId: string } }
    expect(res.org.parentId).toBe('yc-fc')
    expect(org(wc).parentId).toBe('yc-fc')
    expect(cloud.logs.filter((l) => l.event === 'org.follow_failed').map((l) => l.fields?.orgId)).toEqual([wc])
    expect(stored(COLLECTIONS.venues, records.venues[0]).underOrgs).toEqual(['yc', 'yc-rc', wc])
    await expectTimerFinishes(wc, records)
  })

  it('is finished by the timer when the mover died between the commit and the rewrite', async () => {
    const { wc, records } = await subtreeWithRecords()
    const res = await move(failing(cloud.deps().db, (_c, op) => (op === 'commit' ? 'lost' : null)), wc)
    expect(res.ok).toBe(false)
    expect(org(wc).parentId).toBe('yc-fc') // it did commit, with its mark
    for (const c of FOLLOWING) expect(cloud.docs(c).filter((d) => d.orgId === wc).every((d) => d.underOrgs.includes('yc-rc'))).toBe(true)
    await expectTimerFinishes(wc, records)
  })

  it('leaves records and marks alone when nothing is owed', async () => {
    const before = followState()
    cloud.clock.set(TEST_NOW + 10 * FOLLOW_GRACE_MS)
    expect(ok(await cloud.timer('user', 'followOrgMoves'))).toEqual({ finished: 0, failed: 0, more: false })
    expect(followState()).toBe(before)
  })

  it('is refused to anyone but the timer', async () => {
    expect(errCode(await cloud.as('dev-admin').user.followOrgMoves({}))).toBe('AUTH.FORBIDDEN')
  })
})
