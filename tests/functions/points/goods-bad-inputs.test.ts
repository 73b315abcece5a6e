import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { putVenue } from '../../fixtures/mall'
import { errCode, snapshot, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'
import { goodsInput, makeDonor, picture } from './goods.inputs'

/**
 * What saveGoods and mallReport refuse by shape alone (docs/bad-inputs.md §1–6, §8), one row per
 * case, each against a snapshot of the store: nothing is written, no stock made.
 */
let cloud: TestCloud
let donorId: string
beforeAll(async () => {
  cloud = await testCloud()
  putVenue(cloud, 'v-rc')
  donorId = (await makeDonor(cloud)).id
})
afterAll(() => cloud.close())

const DAY = 24 * 3600_000
const state = () => snapshot(cloud, [COLLECTIONS.goods, COLLECTIONS.goodsStock, COLLECTIONS.auditLogs])

const numbers: [string, Record<string, unknown>][] = [
  ['negative price', { price: -5 }],
  ['zero price', { price: 0 }],
  ['fractional price', { price: 1.5 }],
  ['NaN price', { price: NaN }],
  ['Infinity price', { price: Infinity }],
  ['2^53 price', { price: 2 ** 53 }],
  ['price as a string', { price: '8' }],
  ['price over 100000', { price: 100001 }],
  ['negative unit value', { unitValue: -1 }],
  ['fractional unit value (fen are whole)', { unitValue: 12.5 }],
  ['unit value as a string', { unitValue: '4500' }],
  ['zero limit', { limitTotal: 0 }],
  ['fractional limit', { limitTotal: 1.5 }],
  ['negative limit', { limitTotal: -2 }],
  ['period limit above the total', { limitTotal: 2, limitPeriod: { period: 'week', count: 3 } }],
  ['period limit of zero', { limitPeriod: { period: 'month', count: 0 } }],
  ['unknown period', { limitPeriod: { period: 'day', count: 1 } }],
  ['extra key in the period', { limitPeriod: { period: 'week', count: 1, $set: 1 } }],
  ['negative initial stock', { initialStock: -1 }],
  ['fractional initial stock', { initialStock: 2.5 }],
  ['huge initial stock', { initialStock: 100001 }],
  ['initial stock as a string', { initialStock: '100' }],
  ['no initial stock on a new item', { initialStock: undefined }],
  ['zero pickup days', { pickupDays: 0 }],
  ['61 pickup days', { pickupDays: 61 }],
  ['fractional pickup days', { pickupDays: 1.5 }],
]

const shapes: [string, Record<string, unknown>][] = [
  ['an operator as the org', { orgId: { $ne: null } }],
  ['an operator as the donor', { donorId: { $gt: '' } }],
  ['a $where as a venue', { venueIds: [{ $where: 'true' }] }],
  ['an id with a slash', { donorId: 'd/../x' }],
  ['a dotted key', { 'limitPeriod.count': 5 }],
  ['a prototype key', JSON.parse('{"__proto__": {"price": 1}}')],
  ['status (mass assignment)', { status: 'on_sale' }],
  ['stock figures (mass assignment)', { supplied: 9999 }],
  ['underOrgs (mass assignment)', { underOrgs: ['yuci'] }],
  ['imageChecks (mass assignment)', { imageChecks: ['pass'] }],
  ['an openid (identity from the payload)', { openid: 'dev-admin' }],
  ['a createdAt from the phone', { createdAt: TEST_NOW }],
  ['no pictures', { images: [] }],
  // Pictures are made when the row runs (each a real upload of the cadre's), so only the count or the repeat is wrong.
  ['seven pictures', { images: () => Array.from({ length: 7 }, () => picture(cloud)) }],
  ['the same picture twice', { images: () => [picture(cloud)].flatMap((p) => [p, p]) }],
  ['a picture elsewhere on the web', { images: ['https://cdn.example.com/rice.png'] }],
  ['no venue', { venueIds: [] }],
  ['21 venues', { venueIds: Array.from({ length: 21 }, (_, i) => `v-${i}`) }],
  ['the same venue twice', { venueIds: ['v-rc', 'v-rc'] }],
  ['10,000 venues', { venueIds: Array.from({ length: 10000 }, (_, i) => `v-${i}`) }],
  ['an unknown category', { category: 'weapons' }],
  ['a name of one character', { name: '米' }],
  ['a name of 31 characters', { name: '米'.repeat(31) }],
  ['a blank name', { name: '   ' }],
  ['a name with a control character', { name: '五常\u0007大米' }],
  ['a name with a bidi override', { name: '五常\u202e大米' }],
  ['a name with a line break', { name: '五常\n大米' }],
  ['a description over 1000 characters', { description: '好'.repeat(1001) }],
  ['a megabyte description', { description: 'x'.repeat(1_000_000) }],
  ['a description with NUL', { description: '好米\u0000' }],
  ['until before from', { availableFrom: TEST_NOW + 2 * DAY, availableUntil: TEST_NOW + DAY }],
  ['until equal to from', { availableFrom: TEST_NOW, availableUntil: TEST_NOW }],
  ['from in 1970', { availableFrom: 0 }],
  ['until in 2100', { availableUntil: Date.parse('2100-06-01T00:00:00Z') }],
  ['a time as a string', { availableFrom: '2026-12-01' }],
  ['a request key that is not a UUID', { requestId: '1234' }],
]

it.each([...numbers, ...shapes])('refuses %s, leaving no trace', async (_label, over) => {
  const input: Record<string, unknown> = { ...goodsInput(cloud, donorId, { images: [picture(cloud)] }), ...over }
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete input[k]
    if (typeof v === 'function') input[k] = v()
  }
  const before = state()
  expect(errCode(await cloud.raw('points', { action: 'saveGoods', payload: input }, 'dev-cadre'))).toBe('GENERIC.BAD_INPUT')
  expect(state()).toBe(before)
})

it('refuses a nesting 100 deep and a payload over the size limit (§5)', async () => {
  let deep: Record<string, unknown> = {}
  for (let i = 0; i < 100; i++) deep = { a: deep }
  const before = state()
  for (const payload of [{ ...goodsInput(cloud, donorId), limitPeriod: deep }, { ...goodsInput(cloud, donorId), description: 'x'.repeat(70_000) }]) {
    expect(errCode(await cloud.raw('points', { action: 'saveGoods', payload }, 'dev-cadre'))).toBe('GENERIC.BAD_INPUT')
  }
  expect(state()).toBe(before)
})

it.each([
  ['to before from', { from: TEST_NOW, to: TEST_NOW - DAY }],
  ['an empty period', { from: TEST_NOW, to: TEST_NOW }],
  ['more than 366 days', { from: TEST_NOW - 400 * DAY, to: TEST_NOW }],
  ['1970', { from: 0, to: TEST_NOW }],
  ['times as strings', { from: '2026-11-01', to: '2026-12-01' }],
  ['an operator as the org', { orgId: { $ne: null }, from: TEST_NOW - DAY, to: TEST_NOW }],
])('mallReport refuses %s (§1, §6)', async (_label, over: Record<string, unknown>) => {
  const payload = { orgId: 'yc-rc', from: TEST_NOW - DAY, to: TEST_NOW, ...over }
  expect(errCode(await cloud.raw('points', { action: 'mallReport', payload }, 'dev-cadre'))).toBe('GENERIC.BAD_INPUT')
})
