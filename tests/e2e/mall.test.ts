import { request, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { LocalCloud } from '../../local/local-cloud'
import { roleIdFor } from '../../cloudfunctions/_core/access/access.repo'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'
import { callApi, launchBrowser, openRoute, phone, see, shot, startSystem, tap, textOf, waitForText } from './browser'

/**
 * 益币兑福利 end to end in a real browser against the whole local system: a youth with 益币
 * (dev-youth, 王晓青) opens the 益币 tab, finds the rice a caring company gave, redeems it and sees
 * her pickup code; a clerk at the listed venue types the code, checks the masked name and phone
 * digits, and confirms; her order shows as picked up; a second verification is refused; the public
 * donor board counts the redemption.
 */

let system: LocalCloud
let browser: Browser
let youth: { context: BrowserContext; page: Page }
let clerk: { context: BrowserContext; page: Page }
const story: { orderId?: string; code?: string } = {}
const GOODS = 'e2e-rice'
const VENUE = 'e2e-venue'
const DONOR = 'e2e-donor'

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`cannot run: ${what} (an earlier step failed; see its error)`)
  return value
}

beforeAll(async () => {
  system = await startSystem()
  const now = Date.now()
  const store = system.emulator.store
  store.upsert(COLLECTIONS.venues, {
    _id: VENUE, name: '润城镇青年之家兑换点', address: '阳城县润城镇中心街12号', lat: 35.4864, lng: 112.4066, hours: '周一至周五 9:00-17:00',
    kind: 'pickup', orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'], status: 'open', createdBy: 'dev-cadre', createdAt: now, updatedAt: now,
  })
  store.upsert(COLLECTIONS.donors, {
    _id: DONOR, orgId: 'yc', underOrgs: ['yc'], name: '阳城县润丰粮油有限公司', logo: null, story: '深夜食堂的米面，都来自润丰粮油。', contactName: '赵经理',
    contactPhoneEnc: 'sealed', contactPhoneMasked: '139****0001', createdBy: 'dev-admin', createdAt: now, updatedAt: now,
  })
  store.upsert(COLLECTIONS.goods, {
    _id: GOODS, orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'], donorId: DONOR, name: '五常大米 5kg', category: 'grain_oil', images: [], description: '爱心企业捐赠的新米',
    price: 5, unitValue: 4500, limitTotal: 2, limitPeriod: null, venueIds: [VENUE], availableFrom: null, availableUntil: null, pickupDays: 7, status: 'on_sale',
    createdBy: 'dev-cadre', createdAt: now, updatedAt: now,
  })
  store.upsert(COLLECTIONS.goodsStock, { _id: GOODS, supplied: 20, taken: 0, queued: 0, holds: {}, queue: {}, units: {}, onSale: true, touched: now })
  store.upsert(COLLECTIONS.roles, {
    _id: roleIdFor('e2e-clerk', 'clerk', 'yc-rc', VENUE), openid: 'e2e-clerk', userId: null, role: 'clerk', orgId: 'yc-rc', venueId: VENUE, via: 'grant', grantedBy: 'dev-cadre', grantedAt: now,
  })
  browser = await launchBrowser()
  youth = await phone(browser, system.url, 'dev-youth')
  clerk = await phone(browser, system.url, 'e2e-clerk')
})
afterAll(async () => {
  await browser?.close()
  await system?.close()
})

it('a youth with 益币 redeems rice on the 益币 tab and sees the pickup code', async () => {
  const { page } = youth
  const before = await callApi<{ balance: number }>(youth.context.request, system.url, 'points', 'balance')
  expect(before.balance).toBeGreaterThanOrEqual(5)
  await openRoute(page, system.url, 'pages/points/index')
  await see(page, `#goods-${GOODS}`, 'the rice on the 益币 tab')
  await waitForText(page, '#points-balance', (t) => t === String(before.balance), 'the balance on the tab')
  await shot(page, 'm01-points-tab')
  await tap(page, `#goods-${GOODS}`)
  await see(page, '#mall-redeem-button', 'the goods page with its redeem button')
  await waitForText(page, '#mall-goods-left', (t) => t.includes('剩余 20 件'), 'what is left')
  await tap(page, '#mall-redeem-button')
  await see(page, '#mall-redeem-sheet', 'the confirmation')
  await shot(page, 'm02-confirm')
  await tap(page, '#mall-redeem-confirm')
  await see(page, '#mall-order-code', 'the order page with the pickup code')
  const code = await textOf(page, '#mall-order-code', 'the pickup code')
  expect(code).toMatch(/^\d{8}$/)
  await see(page, '#mall-order-qr', 'the pickup QR')
  await shot(page, 'm03-order-code')
  const [order] = system.emulator.store.find(COLLECTIONS.orders, { goodsId: GOODS })
  expect(order).toMatchObject({ status: 'ready', pickupCode: code, quantity: 1, cost: 5 })
  const after = await callApi<{ balance: number }>(youth.context.request, system.url, 'points', 'balance')
  expect(after.balance).toBe(before.balance - 5)
  story.orderId = order._id as string
  story.code = code
}, 60_000)

it('the clerk at the listed venue types the code, checks who it is, and confirms once', async () => {
  const code = need(story.code, 'no pickup code from the redemption step')
  const { page } = clerk
  await openRoute(page, system.url, 'packages/clerk/pages/pickup/index')
  await see(page, '#page-clerk-pickup', 'the clerk page')
  await see(page, '#pickup-key-0', 'the keypad (one venue is chosen without asking)')
  for (const d of code) await tap(page, `#pickup-key-${d}`)
  await see(page, '#pickup-order', 'the order at the counter')
  await waitForText(page, '#pickup-order-goods', (t) => t.includes('五常大米'), 'the goods to hand over')
  await waitForText(page, '#pickup-order-holder', (t) => t.includes('王*青'), 'the masked name')
  await shot(page, 'm04-clerk-check')
  await tap(page, '#pickup-confirm')
  await see(page, '#pickup-done', 'the pickup confirmed')
  await shot(page, 'm05-clerk-done')
  const order = system.emulator.store.get(COLLECTIONS.orders, need(story.orderId, 'no order'))
  expect(order).toMatchObject({ status: 'picked_up', pickedUpBy: 'e2e-clerk', pickedUpVenue: VENUE })
}, 60_000)

it('the order shows as picked up, and a second verification is refused', async () => {
  const orderId = need(story.orderId, 'no order')
  const { page } = youth
  await openRoute(page, system.url, `packages/mall/pages/order/index?id=${orderId}`)
  await waitForText(page, '#mall-order-status', (t) => t.includes('已领取'), 'the order as picked up')
  await see(page, '#mall-order-picked', 'when and where it was picked up')
  expect(await page.locator('#mall-order-code').count()).toBe(0)

  const again = await clerk.context.request.post(`${system.url}/api/points`, { data: { action: 'confirmPickup', payload: { venueId: VENUE, orderId, pickupCode: need(story.code, 'no code') } } })
  const body = (await again.json()) as { ok: boolean; error?: { code: string } }
  expect(body).toMatchObject({ ok: false, error: { code: 'ORDER.PICKED_UP' } })
}, 60_000)

it('the public donor board counts the redemption', async () => {
  // The board asks for no login; the local gateway still wants a dev session to serve the app.
  const { page } = youth
  await openRoute(page, system.url, 'pages/donors/index?orgId=yc')
  await see(page, `#donor-${DONOR}`, 'the donor on the board')
  await waitForText(page, `#donor-redeemed-${DONOR}`, (t) => t.includes('1'), 'the redemption on the donor card')
  await shot(page, 'm06-donor-board')
  const anonymous = await callApi<{ items: { id: string; redeemedUnits?: number }[] }>(await request.newContext(), system.url, 'points', 'donorBoard', { orgId: 'yc' })
  expect(anonymous.items.map((d) => d.id)).toContain(DONOR)
}, 60_000)
