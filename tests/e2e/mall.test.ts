import { request, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { LocalCloud } from '../../local/local-cloud'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'
import { callApi, launchBrowser, openRoute, phone, see, shot, startSystem, tap, textOf, waitForText } from './browser'

/**
 * 益币兑福利 end to end in a real browser against the whole local system: a youth with 益币
 * (dev-youth, 王晓青) opens the 益币 tab, finds the rice a caring company gave, redeems it and sees
 * her pickup code; the seeded 核销员 of the listed venue (dev-clerk, 王秀兰) types the code, checks
 * the masked name and phone digits, and confirms; her order shows as picked up; a second
 * verification is refused; the public donor board counts the redemption.
 */

let system: LocalCloud
let browser: Browser
let youth: { context: BrowserContext; page: Page }
let clerk: { context: BrowserContext; page: Page }
const story: { orderId?: string; code?: string; redeemedBefore?: number } = {}

type Board = { items: { id: string; figures: { redeemedUnits: number } }[] }
const redeemedOnBoard = async () =>
  (await callApi<Board>(await request.newContext(), system.url, 'points', 'donorBoard', { orgId: 'yc', limit: 50 })).items.find((d) => d.id === donorId())?.figures.redeemedUnits ?? 0
const GOODS = 'g_seed_rice'
const VENUE = 'v-yc-rc'
/** 润城镇's 核销员, seeded with her clerk role at VENUE alone (local/seed/mall.ts), as a person would log in. */
const CLERK = 'dev-clerk'
const donorId = () => need(system.emulator.store.find(COLLECTIONS.donors, { name: '阳城县润丰粮油有限公司' })[0]?._id as string | undefined, 'the seed has no 润丰粮油')

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`cannot run: ${what} (an earlier step failed; see its error)`)
  return value
}

beforeAll(async () => {
  system = await startSystem()
  // The seeded canteen (local/seed/mall.ts): 润丰粮油's rice at 润城镇's pickup point, where 王秀兰 is the clerk.
  browser = await launchBrowser()
  youth = await phone(browser, system.url, 'dev-youth')
  clerk = await phone(browser, system.url, CLERK)
})
afterAll(async () => {
  await browser?.close()
  await system?.close()
})

it('a youth with 益币 redeems rice on the 益币 tab and sees the pickup code', async () => {
  const { page } = youth
  const before = await callApi<{ balance: number }>(youth.context.request, system.url, 'points', 'balance')
  expect(before.balance).toBeGreaterThanOrEqual(3) // the rice's price; 王晓青 earned more in the seeded activities
  story.redeemedBefore = await redeemedOnBoard()
  await openRoute(page, system.url, 'pages/points/index')
  await see(page, `#goods-${GOODS}`, 'the rice on the 益币 tab')
  await waitForText(page, '#points-balance', (t) => t === String(before.balance), 'the balance on the tab')
  await shot(page, 'm01-points-tab')
  await tap(page, `#goods-${GOODS}`)
  await see(page, '#mall-redeem-button', 'the goods page with its redeem button')
  const left = (system.emulator.store.get(COLLECTIONS.goodsStock, GOODS) as { supplied: number; taken: number })
  await waitForText(page, '#mall-goods-left', (t) => t.includes(`剩余 ${left.supplied - left.taken} 件`), 'what is left')
  await tap(page, '#mall-redeem-button')
  await see(page, '#mall-redeem-sheet', 'the confirmation')
  await shot(page, 'm02-confirm')
  await tap(page, '#mall-redeem-confirm')
  await see(page, '#mall-order-code', 'the order page with the pickup code')
  const code = await textOf(page, '#mall-order-code', 'the pickup code')
  expect(code).toMatch(/^\d{8}$/)
  await see(page, '#mall-order-qr', 'the pickup QR')
  await shot(page, 'm03-order-code')
  const [order] = system.emulator.store.find(COLLECTIONS.orders, { goodsId: GOODS, pickupCode: code })
  expect(order).toMatchObject({ status: 'ready', openid: 'dev-youth', quantity: 1, cost: 3 })
  const after = await callApi<{ balance: number }>(youth.context.request, system.url, 'points', 'balance')
  expect(after.balance).toBe(before.balance - 3)
  story.orderId = order._id as string
  story.code = code
}, 60_000)

it('the seeded clerk at the listed venue types the code, checks who it is, and confirms once', async () => {
  const code = need(story.code, 'no pickup code from the redemption step')
  expect(system.emulator.store.find(COLLECTIONS.roles, { openid: CLERK, role: 'clerk' }).map((r) => r.venueId)).toEqual([VENUE])
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
  expect(order).toMatchObject({ status: 'picked_up', pickedUpBy: CLERK, pickedUpVenue: VENUE })
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
  await see(page, `#donor-${donorId()}`, 'the donor on the board')
  await waitForText(page, `#donor-redeemed-${donorId()}`, (t) => /\d/.test(t), 'the redemption on the donor card')
  await shot(page, 'm06-donor-board')
  // Asked without any identity, the board counts one more bag of rice redeemed.
  expect(await redeemedOnBoard()).toBe(need(story.redeemedBefore, 'no board figure from the first step') + 1)
}, 60_000)
