import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { LocalCloud } from '../../local/local-cloud'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'
import { DEV_STATION } from '../../local/seed/stations'
import { launchBrowser, need, openRoute, phone, see, shot, startSystem, tap, until, waitForText } from './browser'

/**
 * 联络站 end to end in a real browser against the whole local system, at 锦纶街道's 书香之站 (seeded):
 * 榆次's admin shows the station's door code; 赵敏 (dev-rep, posted there) types its six digits and is
 * in; 王晓青 (dev-youth) leaves an opinion at the station; the admin assigns it to 赵敏, who replies;
 * 王晓青 reads the reply and gives it five stars, which closes it; and 刘洋 (dev-committee) sees on his
 * duty list that this year's station talk is done.
 */
let system: LocalCloud
let browser: Browser
let admin: { context: BrowserContext; page: Page }
let rep: { context: BrowserContext; page: Page }
let youth: { context: BrowserContext; page: Page }
let committee: { context: BrowserContext; page: Page }
const story: { opinionId?: string } = {}
const OPINION = '书香之站晚上能不能多开一会儿？下班后想来看书，七点就关门了。'
const REPLY = '已和街道商量，从下周起每周二、周四开放到晚上九点，欢迎来看书。'

const store = () => system.emulator.store
/** A persona's user id, as the seed registered them. */
const userIdOf = (openid: string) => need(store().find(COLLECTIONS.profiles, { openid })[0]?._id as string | undefined, `${openid} registered`)

beforeAll(async () => {
  system = await startSystem()
  browser = await launchBrowser()
  admin = await phone(browser, system.url, 'dev-yuci-admin')
  rep = await phone(browser, system.url, 'dev-rep')
  youth = await phone(browser, system.url, 'dev-youth')
  committee = await phone(browser, system.url, 'dev-committee')
})
afterAll(async () => {
  await browser?.close()
  await system?.close()
})

it('a representative checks in at the station with the six digits its door shows', async () => {
  await openRoute(admin.page, system.url, `packages/station/pages/door/index?venueId=${DEV_STATION}`)
  await see(admin.page, '#door-qr', 'the rotating door code')
  const digits = (await waitForText(admin.page, '#door-short-code', (t) => /\d{3}\s?\d{3}/.test(t), 'six digits')).replace(/\D/g, '')
  await shot(admin.page, 's01-door-code')

  const { page } = rep
  await openRoute(page, system.url, `packages/station/pages/visit/index?venueId=${DEV_STATION}`)
  await see(page, '#visit-code-input', 'the digits field')
  await page.locator('#visit-code-input input').fill(digits)
  await tap(page, '#visit-code-submit')
  await see(page, '#visit-open', 'the open visit')
  await waitForText(page, '#visit-open-venue', (t) => t.includes('书香之站'), 'the station named')
  await shot(page, 's02-visit-open')
  const repId = userIdOf('dev-rep')
  await until(() => store().find(COLLECTIONS.stationVisits, { userId: repId, venueId: DEV_STATION, endedAt: null }).length, (n) => n === 1, 'one open visit stored')
}, 60_000)

it('a youth leaves an opinion at the station', async () => {
  const { page } = youth
  await openRoute(page, system.url, `packages/station/pages/venue/index?venueId=${DEV_STATION}`)
  await waitForText(page, '#venue-name', (t) => t.includes('书香之站'), 'the station page')
  await see(page, `#venue-person-${userIdOf('dev-rep')}-on-duty`, '赵敏 on duty')
  await shot(page, 's03-station-page')
  await tap(page, '#venue-opinion')
  await see(page, '#opinion-text-input', 'the opinion form')
  await tap(page, '#opinion-category-community')
  await page.locator('#opinion-text-input textarea').fill(OPINION)
  await tap(page, '#opinion-submit')
  story.opinionId = await until(() => store().find(COLLECTIONS.opinions, { venueId: DEV_STATION, text: OPINION })[0]?._id as string | undefined, (v) => !!v, 'the opinion stored')
  await waitForText(page, '#opinion-state', (t) => t.includes('待分派'), 'the opinion waiting to be assigned')
  await shot(page, 's04-opinion-submitted')
}, 60_000)

it('the cadre assigns it to the representative, who replies', async () => {
  const opinionId = need(story.opinionId, 'no opinion')
  const repId = userIdOf('dev-rep')
  await openRoute(admin.page, system.url, 'packages/cadre/pages/opinions/index')
  await see(admin.page, `#opinion-${opinionId}-assign`, 'the new opinion with 分派')
  await shot(admin.page, 's05-triage')
  await tap(admin.page, `#opinion-${opinionId}-assign`)
  await see(admin.page, `#assign-person-${repId}`, '赵敏 among the station’s representatives')
  await tap(admin.page, `#assign-person-${repId}`)
  await tap(admin.page, '#assign-submit')
  await until(() => store().get(COLLECTIONS.opinions, opinionId)?.state, (s) => s === 'assigned', 'the opinion assigned')

  const { page } = rep
  await openRoute(page, system.url, 'packages/station/pages/assigned/index')
  await see(page, `#opinion-${opinionId}-reply-open`, 'the opinion assigned to her')
  await tap(page, `#opinion-${opinionId}-reply-open`)
  await see(page, '#reply-input', 'the reply sheet')
  await page.locator('#reply-input textarea').fill(REPLY)
  await tap(page, '#reply-submit')
  await until(() => store().get(COLLECTIONS.opinions, opinionId)?.state, (s) => s === 'replied', 'the opinion replied')
  await shot(page, 's06-replied')
}, 60_000)

it('the youth sees the reply and rates it, which closes it', async () => {
  const opinionId = need(story.opinionId, 'no opinion')
  const { page } = youth
  await openRoute(page, system.url, `packages/station/pages/opinion/index?id=${opinionId}`)
  await waitForText(page, '#opinion-reply-text', (t) => t.includes('晚上九点'), 'the reply')
  await tap(page, '#opinion-rating-stars-5')
  await tap(page, '#opinion-rate-submit')
  await until(() => store().get(COLLECTIONS.opinions, opinionId), (o) => o?.state === 'closed' && o?.rating === 5, 'the opinion closed with five stars')
  await see(page, '#opinion-rated', 'her rating shown')
  await shot(page, 's07-rated')
}, 60_000)

it('the committee member’s duty list shows this year’s station talk done', async () => {
  const { page } = committee
  await openRoute(page, system.url, 'packages/station/pages/duties/index')
  await waitForText(page, '#duty-0-counts-talk', (t) => t.includes('✓'), 'the talk done')
  await waitForText(page, '#duty-0-counts-survey', (t) => t.includes('还差'), 'the survey still owed')
  await shot(page, 's08-duties')
}, 60_000)
