import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { LocalCloud } from '../../local/local-cloud'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'
import { launchBrowser, need, openRoute, phone, see, shot, startSystem, tap, until, waitForText } from './browser'

/**
 * 社群 end to end in a real browser against the whole local system: 王晓青 (dev-youth) finds the seeded
 * 润城镇青年读书会 under 为你推荐 (she likes 读书), asks to join; its owner, 润城镇's cadre (dev-cadre),
 * approves her and posts an announcement; she opens it, and the cadre's read count rises.
 */
let system: LocalCloud
let browser: Browser
let youth: { context: BrowserContext; page: Page }
let cadre: { context: BrowserContext; page: Page }
const story: { groupId?: string; announcementId?: string } = {}
const TITLE = '本周六读书分享会'

beforeAll(async () => {
  system = await startSystem()
  browser = await launchBrowser()
  youth = await phone(browser, system.url, 'dev-youth')
  cadre = await phone(browser, system.url, 'dev-cadre')
  story.groupId = system.emulator.store.find(COLLECTIONS.groups, { name: '润城镇青年读书会' })[0]?._id as string | undefined
})
afterAll(async () => {
  await browser?.close()
  await system?.close()
})

it('a youth finds the reading club under 为你推荐, with the reason, and asks to join', async () => {
  const groupId = need(story.groupId, 'the seed has no 润城镇青年读书会')
  const { page } = youth
  await openRoute(page, system.url, 'pages/groups/index')
  await see(page, `#recommended-${groupId}`, 'the reading club under 为你推荐')
  await waitForText(page, `#recommended-${groupId}-reason`, (t) => t.includes('读书'), 'the reason naming 读书')
  await shot(page, 'c01-groups-tab')
  await tap(page, `#recommended-${groupId}`)
  await see(page, '#group-apply', 'the group page with 申请加入')
  await tap(page, '#group-apply')
  await see(page, '#group-apply-sheet', 'the request sheet')
  await page.locator('#group-message-input textarea').fill('我喜欢读书，想参加读书会。')
  await tap(page, '#group-apply-send')
  await waitForText(page, '#group-status-tag', (t) => t.includes('审核中'), 'the request waiting')
  await shot(page, 'c02-requested')
}, 60_000)

it('the group’s owner approves her and posts an announcement', async () => {
  const groupId = need(story.groupId, 'no group')
  const [request] = system.emulator.store.find(COLLECTIONS.memberships, { groupId, openid: 'dev-youth', status: 'pending' })
  const membershipId = need(request?._id as string | undefined, 'no pending request of dev-youth')
  const { page } = cadre
  await openRoute(page, system.url, `packages/community/pages/manage/index?id=${groupId}`)
  await see(page, `#request-approve-${membershipId}`, 'her request with 通过')
  await shot(page, 'c03-requests')
  await tap(page, `#request-approve-${membershipId}`)
  await until(() => system.emulator.store.get(COLLECTIONS.memberships, membershipId)?.status, (v) => v === 'active', 'her membership active')

  await openRoute(page, system.url, `packages/community/pages/post/index?groupId=${groupId}`)
  await page.locator('#post-title-input input').fill(TITLE)
  await page.locator('#post-body-input textarea').fill('周六下午两点在润城镇图书室，分享最近读的一本书。')
  await tap(page, '#post-submit')
  story.announcementId = await until(() => system.emulator.store.find(COLLECTIONS.announcements, { groupId, title: TITLE })[0]?._id as string | undefined, (v) => !!v, 'the announcement stored')
}, 60_000)

it('she reads it, and the read count the owner sees rises by one', async () => {
  const groupId = need(story.groupId, 'no group')
  const announcementId = need(story.announcementId, 'no announcement')
  const readsBefore = system.emulator.store.get(COLLECTIONS.announcements, announcementId)?.readCount as number
  const { page } = youth
  await openRoute(page, system.url, `packages/community/pages/group/index?id=${groupId}`)
  await see(page, `#announcement-${announcementId}-unread`, 'the new announcement, unread')
  await shot(page, 'c04-group-member')
  await tap(page, `#announcement-${announcementId}`)
  await waitForText(page, '#announcement-title', (t) => t.includes(TITLE), 'the announcement')
  await shot(page, 'c05-announcement')
  await until(() => system.emulator.store.get(COLLECTIONS.announcements, announcementId)?.readCount, (v) => v === readsBefore + 1, 'one read more')

  await openRoute(cadre.page, system.url, `packages/community/pages/manage/index?id=${groupId}`)
  await tap(cadre.page, '#manage-tab-announcements')
  await waitForText(cadre.page, `#announcement-${announcementId}-read`, (t) => t.includes(`已读 ${readsBefore + 1}`), 'the read count')
  await shot(cadre.page, 'c06-read-count')
}, 60_000)
