import { randomUUID } from 'node:crypto'
import { seed } from '../../local/seed'
import { PERSONAS } from '../../local/seed/personas'
import { cloudStorage } from '../../cloudfunctions/_core/platform'
import { applyEntries, EMPTY_TOTALS, type AccountDoc, type LedgerEntryDoc } from '../../cloudfunctions/_core/ledger'
import { roleIdFor } from '../../cloudfunctions/_core/access/access.repo'
import type { GoodsDoc, OrderDoc } from '../../cloudfunctions/_core/mall'
import { userIdFor } from '../../cloudfunctions/_core/profile/profile.repo'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'
import { fileOwner } from '../../types/contract/common'
import { assertMallInvariants } from '../fixtures/mall'
import { errCode, ok, testCloud, TEST_NOW, type TestCloud } from '../fixtures/test-cloud'

/**
 * The mall's demo data (local/seed/mall.ts): the canteen's four donors, goods in every status with
 * their pictures, orders in every state — and invariants 1–4 hold on it, so the demo behaves as the
 * real thing does; 阳城's expiry policy and last year's award (local/seed/expiry.ts), and the 核销员
 * of 润城镇's pickup point.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 40, seed: false })
  seed(cloud.emulator.store, cloud.secrets, 40, TEST_NOW, { mall: true, files: cloud.emulator.files })
})
afterAll(() => cloud.close())
afterEach(() => cloud.clock.set(TEST_NOW))

/** Shanghai wall-clock time as epoch ms. */
const at = (iso: string) => Date.parse(`${iso}+08:00`)
const youthId = () => userIdFor(cloud.secrets, 'dev-youth')
const entriesOf = (userId: string) => (cloud.docs(COLLECTIONS.ledgerEntries, { accountId: userId }) as LedgerEntryDoc[]).sort((a, b) => a.at - b.at)
/** The award: TEST_NOW is in 2026, so it is 2025's. */
const award = () => entriesOf(youthId()).find((e) => e.kind === 'adjust')!

describe('the seeded mall', () => {
  it('holds the four donors, goods in every status and orders in every state, with invariants 1–4', () => {
    expect(cloud.docs(COLLECTIONS.donors)).toHaveLength(4)
    expect(new Set(cloud.docs(COLLECTIONS.goods).map((g) => g.status))).toEqual(new Set(['on_sale', 'off_shelf', 'draft']))
    expect(new Set(cloud.docs(COLLECTIONS.orders).map((o) => o.status))).toEqual(new Set(['ready', 'picked_up', 'cancelled', 'expired']))
    const notebook = cloud.emulator.store.get(COLLECTIONS.goodsStock, 'g_seed_notebook') as { supplied: number; taken: number }
    expect(notebook.taken).toBe(notebook.supplied) // sold out
    assertMallInvariants(cloud)
  })

  it('changes nothing when run again (what people did since stays)', () => {
    const before = JSON.stringify([COLLECTIONS.orders, COLLECTIONS.accounts, COLLECTIONS.goodsStock, COLLECTIONS.goodsQuotas, COLLECTIONS.ledgerEntries].map((c) => cloud.docs(c)))
    seed(cloud.emulator.store, cloud.secrets, 40, TEST_NOW + 3 * 24 * 3600_000, { mall: true, files: cloud.emulator.files })
    expect(JSON.stringify([COLLECTIONS.orders, COLLECTIONS.accounts, COLLECTIONS.goodsStock, COLLECTIONS.goodsQuotas, COLLECTIONS.ledgerEntries].map((c) => cloud.docs(c)))).toBe(before)
  })

  it('lets the demo youth redeem, see her orders, and the cadre verify a ready order at its venue', async () => {
    const mine = ok(await cloud.as('dev-youth').points.myOrders({}))
    expect(new Set(mine.items.map((o) => o.status))).toEqual(new Set(['ready', 'picked_up', 'cancelled', 'expired']))
    const catalogue = ok(await cloud.as('dev-youth').points.listGoods({}))
    expect(catalogue.items.map((g) => g.name)).toEqual(expect.arrayContaining(['五常大米 5kg', '学生文具套装']))
    expect(errCode(await cloud.as('dev-youth').points.redeem({ requestId: randomUUID(), goodsId: 'g_seed_notebook', quantity: 1 }))).toBe('GOODS.SOLD_OUT')
    const ready = mine.items.find((o) => o.status === 'ready')!
    const { pickup } = ok(await cloud.as('dev-cadre').points.lookupPickup({ venueId: ready.venues[0].id, pickupCode: ready.pickupCode! }))
    expect(pickup).toMatchObject({ holderName: '王*青', phoneLast4: '1234' })
    const board = ok(await cloud.as(null).points.donorBoard({ orgId: 'yc' }))
    expect(board.items.length).toBeGreaterThanOrEqual(3)
  })

  it('gives every goods item one picture drawn into its creator’s folder, passed, which youth see', async () => {
    const goods = cloud.docs(COLLECTIONS.goods) as GoodsDoc[]
    expect(goods).toHaveLength(6)
    for (const g of goods) {
      expect([g._id, g.images.length, g.imageChecks]).toEqual([g._id, 1, ['pass']])
      expect(fileOwner(g.images[0])).toBe(userIdFor(cloud.secrets, g.createdBy))
      expect(cloud.emulator.files.exists(g.images[0].replace(/^cloud:\/\/[^/]+\//, ''))).toBe(true)
    }
    expect(new Set(goods.map((g) => g.images[0])).size).toBe(goods.length)
    const urls = await cloudStorage.urls(goods.map((g) => g.images[0]))
    expect(goods.every((g) => urls.get(g.images[0]))).toBe(true)
    // An order keeps its goods' picture, as redeem stores it.
    const orders = cloud.docs(COLLECTIONS.orders) as OrderDoc[]
    expect(orders.every((o) => o.image === goods.find((g) => g._id === o.goodsId)!.images[0])).toBe(true)
    const catalogue = ok(await cloud.as('dev-youth').points.listGoods({}))
    expect(catalogue.items.length).toBeGreaterThan(0)
    expect(catalogue.items.every((g) => g.image)).toBe(true)
  })
})

describe('the seeded expiry', () => {
  it('has 阳城’s policy, set by its county admin in March of last year: 益币 expire at the end of the year after', () => {
    expect(cloud.emulator.store.get(COLLECTIONS.pointsPolicies, 'policy_yc')).toEqual({
      _id: 'policy_yc',
      kind: 'policy',
      countyId: 'yc',
      expireAfterYears: 1,
      history: [{ expireAfterYears: 1, from: at('2025-03-01T09:00'), by: 'dev-admin' }],
      setBy: 'dev-admin',
      setAt: at('2025-03-01T09:00'),
    })
    expect(cloud.docs(COLLECTIONS.pointsPolicies, { kind: 'policy' })).toHaveLength(1)
  })

  it('awards 王晓青 30 益币 as last year’s 优秀志愿者 in December, by the county admin, answering to the county, in last year’s lot', () => {
    const e = award()
    expect(entriesOf(youthId()).filter((x) => x.kind === 'adjust')).toHaveLength(1)
    expect(e).toMatchObject({
      kind: 'adjust',
      amount: 30,
      title: '奖励：2025年度优秀志愿者',
      ref: { type: 'adjustment', id: e._id },
      reverses: null,
      orgId: 'yc',
      underOrgs: ['yc'],
      lot: 2025,
      openid: 'dev-youth',
      at: at('2025-12-20T10:00'),
      adjust: { by: 'dev-admin', reason: '2025年度优秀志愿者', requestHash: expect.any(String) },
    })
    expect(e._id).toMatch(/^le_aj_[0-9a-z]{20}$/)
    // It is the oldest entry: everything the activities credited and the orders spent came after it.
    expect(entriesOf(youthId())[0]._id).toBe(e._id)
  })

  it('keeps every account the sum of its entries in the order they happened, lots included, and none below zero', () => {
    for (const a of cloud.docs(COLLECTIONS.accounts) as AccountDoc[]) {
      const replayed = entriesOf(a._id).reduce((t, e) => applyEntries(t, [e], e.at), EMPTY_TOTALS)
      expect({ id: a._id, balance: a.balance, earned: a.earned, spent: a.spent, adjusted: a.adjusted ?? 0, expired: a.expired ?? 0, lots: a.lots ?? {} }).toEqual({ id: a._id, ...replayed })
      expect(a.balance).toBeGreaterThanOrEqual(0)
    }
    const [mine] = cloud.docs(COLLECTIONS.accounts, { _id: youthId() }) as AccountDoc[]
    expect(mine).toMatchObject({ adjusted: 30, lots: expect.objectContaining({ 2025: 30 }) })
  })

  it('tells 王晓青 in December what is left of the award expires at the year end (spending took the oldest first)', async () => {
    const entries = entriesOf(youthId())
    // Her orders spent from the award, the oldest 益币 she has; the rest of it expires.
    const spent = -entries.filter((e) => e.kind === 'debit' || e.kind === 'refund').reduce((s, e) => s + e.amount, 0)
    expect(spent).toBeGreaterThan(0)
    expect(spent).toBeLessThan(30)
    cloud.clock.set(at('2026-12-10T09:00'))
    const b = ok(await cloud.as('dev-youth').points.balance({}))
    expect(b).toMatchObject({ adjusted: 30, expired: 0, expiring: { amount: 30 - spent, at: at('2026-12-31T23:59') } })
    expect(b.balance).toBe(entries.reduce((s, e) => s + e.amount, 0))
    // More than 90 days before the year end the tab says nothing yet.
    cloud.clock.set(at('2026-09-20T09:00'))
    expect(ok(await cloud.as('dev-youth').points.balance({})).expiring).toBeNull()
  })
})

describe('the seeded 核销员', () => {
  it('is a persona, 王秀兰 of 润城镇, holding a clerk role at 润城镇’s pickup point alone', async () => {
    expect(PERSONAS.find((p) => p.openid === 'dev-clerk')).toMatchObject({ label: '核销员 · 王秀兰' })
    const roles = cloud.docs(COLLECTIONS.roles, { openid: 'dev-clerk' })
    expect(roles).toEqual([expect.objectContaining({ _id: roleIdFor('dev-clerk', 'clerk', 'yc-rc', 'v-yc-rc'), role: 'clerk', orgId: 'yc-rc', venueId: 'v-yc-rc' })])
    const me = ok(await cloud.as('dev-clerk').user.me({}))
    expect(me.profile).toMatchObject({ realName: '王秀兰' })
    expect(me.roles).toEqual([expect.objectContaining({ role: 'clerk', venueId: 'v-yc-rc', venueName: '润城镇青年之家兑换点' })])
  })

  it('looks up a ready order’s code at her venue, and not at another venue the order lists', async () => {
    const orders = cloud.docs(COLLECTIONS.orders, { status: 'ready' }) as OrderDoc[]
    const both = orders.find((o) => o.venueIds.includes('v-yc-rc') && o.venueIds.includes('v-yc-center'))!
    expect(both).toBeTruthy()
    const { pickup } = ok(await cloud.as('dev-clerk').points.lookupPickup({ venueId: 'v-yc-rc', pickupCode: both.pickupCode }))
    expect(pickup).toMatchObject({ holderName: '王*青' })
    expect(errCode(await cloud.as('dev-clerk').points.lookupPickup({ venueId: 'v-yc-center', pickupCode: both.pickupCode }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-clerk').points.lookupPickup({ venueId: 'v-yuci-jl', pickupCode: both.pickupCode }))).toBe('AUTH.FORBIDDEN')
  })

  it('is who handed over what was picked up at her venue; the county centre’s was handed over by its admin', () => {
    const picked = cloud.docs(COLLECTIONS.orders, { status: 'picked_up' }) as OrderDoc[]
    expect(new Set(picked.map((o) => o.pickedUpVenue))).toEqual(new Set(['v-yc-rc', 'v-yc-center']))
    for (const o of picked) expect([o.pickedUpVenue, o.pickedUpBy]).toEqual([o.pickedUpVenue, o.pickedUpVenue === 'v-yc-rc' ? 'dev-clerk' : 'dev-admin'])
  })
})
