import { request, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { LocalCloud } from '../../local/local-cloud'
import { fixedClock } from '../../cloudfunctions/_core/runtime/clock'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { landscape } from '../../local/seed/pictures'
import { decodeMatrix } from '../native/qr-decode'
import { callApi, imageLoaded, launchBrowser, openRoute, phone, see, shot, startSystem, tap, textOf, waitForText, type ApiContext } from './browser'

/**
 * 志愿服务 end to end in a real browser against the whole local system: a cadre (dev-cadre, 润城镇团委)
 * creates and publishes an activity in the editor; a youth (dev-youth, 王晓青) finds it on the 活动
 * tab and signs up; next morning she checks in with the board's rotating code, checks out after the
 * end, the cadre approves her hours in the review queue, and her 我的时长 page, 益币 and certificate
 * show the two new hours; the certificate verifies without a login and her ledger still adds up.
 *
 * Time: one fixed server clock, moved by the test; both browsers' Date.now() is pinned to the same
 * instant (Playwright's setFixedTime keeps timers running, so the board still polls). Every instant
 * is derived from the Shanghai date of the start, never from the time of day.
 */

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const SHANGHAI = 8 * HOUR

/** Midnight in Shanghai of the day the run starts, as epoch ms. */
const TODAY = Math.floor((Date.now() + SHANGHAI) / DAY) * DAY - SHANGHAI
const T_CREATE = TODAY + 10 * HOUR // today 10:00: the cadre creates the activity
const TOMORROW = TODAY + DAY
const START = TOMORROW + 9 * HOUR // the editor's defaults: tomorrow 09:00–11:00, sign-up until 08:00
const END = TOMORROW + 11 * HOUR
const SIGN_UP_END = TOMORROW + 8 * HOUR
const T_CHECK_IN = TOMORROW + 8 * HOUR + 50 * MIN // inside the check-in window (opens 30 min before)
const T_CHECK_OUT = TOMORROW + 11 * HOUR + 5 * MIN // after the end, inside the check-out window (60 min)

const TITLE = '润城镇敬老院冬季关爱志愿服务'
const DESCRIPTION = '到润城镇敬老院陪老人聊天、打扫房间、整理冬衣。请穿方便活动的衣服，九点在敬老院门口集合。'
const PLACE = '润城镇敬老院'
const LAT = '35.4864'
const LNG = '112.4066'
const CERT_SERIAL = /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/

const clock = fixedClock(T_CREATE)
let system: LocalCloud
let browser: Browser
let cadre: { context: BrowserContext; page: Page }
let youth: { context: BrowserContext; page: Page }

/** What a previous step established; a step whose input is missing says which step to look at. */
const story: {
  activityId?: string
  participationId?: string
  signedUp?: boolean
  checkedIn?: boolean
  checkedOut?: boolean
  approved?: boolean
  before?: { hours: Hours; balance: Balance; ledgerEntries: number }
} = {}

interface Hours {
  attendedMinutes: number
  declaredMinutes: number
  totalMinutes: number
  stars: number
  next: { stars: number; minutes: number; remainingMinutes: number } | null
}
interface Balance {
  balance: number
  earned: number
  spent: number
}

function need<T>(value: T | undefined | false, what: string): T {
  if (value === undefined || value === false) throw new Error(`cannot run: ${what} (an earlier step failed; see its error)`)
  return value as T
}

/** Moves the server clock and pins both phones' Date.now() to the same instant. */
async function moveClocks(t: number): Promise<void> {
  clock.set(t)
  await Promise.all([cadre.context.clock.setFixedTime(t), youth.context.clock.setFixedTime(t)])
}

const call = <T>(ctx: ApiContext, fn: string, action: string, payload: Record<string, unknown> = {}) => callApi<T>(ctx, system.url, fn, action, payload)
const open = (page: Page, route: string) => openRoute(page, system.url, route)

const cadreUserId = () => need(system.emulator.store.find('profiles', { openid: 'dev-cadre' })[0]?._id as string | undefined, 'dev-cadre has no profile in the seed')
const youthUserId = () => need(system.emulator.store.find('profiles', { openid: 'dev-youth' })[0]?._id as string | undefined, 'dev-youth has no profile in the seed')

/** A landscape picture on disk, as a phone's album would offer it. */
const COVER_FILE = join(mkdtempSync(join(tmpdir(), 'tq-e2e-')), 'cover.png')

beforeAll(async () => {
  writeFileSync(COVER_FILE, landscape(0))
  system = await startSystem({ clock })
  browser = await launchBrowser()
  cadre = await phone(browser, system.url, 'dev-cadre')
  youth = await phone(browser, system.url, 'dev-youth')
  await moveClocks(T_CREATE)
  const hours = await call<Hours>(youth.context.request, 'activity', 'myHours')
  const balance = await call<Balance>(youth.context.request, 'points', 'balance')
  story.before = { hours, balance, ledgerEntries: system.emulator.store.find('ledger_entries', { accountId: youthUserId() }).length }
})
afterAll(async () => {
  await browser?.close()
  await system?.close()
})

it('the cadre creates an activity in the editor with the default times and publishes it', async () => {
  const { page } = cadre
  await open(page, `packages/cadre/pages/activity-edit/index`)
  await see(page, '#page-cadre-activity-edit', 'the activity editor')
  await see(page, '#edit-title-input', 'the editor form (is dev-cadre still a cadre?)')
  // The form's default org is the cadre's own: 润城镇团委.
  await waitForText(page, '#edit-org-open', (t) => t.includes('润城镇团委'), 'the default 主办组织')

  await page.locator('#edit-title-input input').fill(TITLE)
  await page.locator('#edit-description-input textarea').fill(DESCRIPTION)
  await page.locator('#edit-place-input input').fill(PLACE)
  await page.locator('#edit-lat-input input').fill(LAT)
  await page.locator('#edit-lng-input input').fill(LNG)
  await page.locator('#edit-capacity-input input').fill('20')
  // The cover: a picture from the phone, uploaded at once into the cadre's own folder.
  const chooser = page.waitForEvent('filechooser')
  await tap(page, '#edit-cover-choose')
  await (await chooser).setFiles(COVER_FILE)
  await imageLoaded(page, '#edit-cover-image', 'the cover preview after uploading')
  await waitForText(page, '#edit-cover-choose', (t) => t.includes('更换图片'), 'the cover button after the upload')
  await waitForText(page, '#field-edit-point', (t) => t.includes(`纬度 ${LAT}`) && t.includes(`经度 ${LNG}`), 'the coordinates hint')
  await page.locator('#field-edit-title').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await shot(page, 'v01-cadre-edit')
  await page.locator('#edit-schedule').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await shot(page, 'v02-cadre-edit-times')

  await tap(page, '#edit-save')
  await waitForText(page, '#edit-notice', (t) => t.includes('草稿已保存'), 'saving the draft')
  const [draft] = system.emulator.store.find('activities', { title: TITLE })
  expect(draft).toMatchObject({ status: 'draft', orgId: 'yc-rc', capacity: 20, startAt: START, endAt: END, signUpEndAt: SIGN_UP_END })
  expect(draft.place).toMatchObject({ name: PLACE, lat: Number(LAT), lng: Number(LNG), radius: 300 })
  expect(draft.cover).toMatch(new RegExp(`^cloud://local\\.local-files/uploads/${cadreUserId()}/[A-Za-z0-9]{20}\\.png$`))
  await shot(page, 'v03-cadre-draft-saved')

  await tap(page, '#edit-publish')
  // Publishing replaces the editor with the activity's page.
  await see(page, '#page-activity', 'the activity page after publishing')
  await waitForText(page, '#activity-title', (t) => t === TITLE, 'the published activity title')
  const id = new URL(page.url().replace('/#/', '/')).searchParams.get('id')
  const stored = system.emulator.store.find('activities', { title: TITLE })
  expect(stored).toHaveLength(1)
  expect(stored[0]).toMatchObject({ status: 'published', pointsPerHour: 1 })
  expect(id).toBe(stored[0]._id)
  story.activityId = stored[0]._id as string
  await see(page, '#activity-manage-board', 'the organizer section on the published activity')
  await shot(page, 'v04-cadre-published')
})

it('the youth finds it on the 活动 tab, opens it and signs up', async () => {
  const id = need(story.activityId, 'no activity was created')
  const { page } = youth
  await open(page, `pages/activities/index`)
  await see(page, '#page-activities', 'the 活动 tab')
  await see(page, `#activity-${id}`, 'the new activity in the upcoming list')
  await expect(page.locator(`#activity-${id}`).textContent()).resolves.toContain(TITLE)
  await page.locator(`#activity-${id}`).scrollIntoViewIfNeeded()
  await imageLoaded(page, `#activity-${id}-cover`, 'the cover on her card')
  await shot(page, 'v05-youth-activities')

  await tap(page, `#activity-${id}`)
  await see(page, '#page-activity', 'the activity page')
  await waitForText(page, '#activity-title', (t) => t === TITLE, 'the activity title')
  expect(await imageLoaded(page, '#activity-cover', 'the cover on the activity page')).toBe(750)
  await waitForText(page, '#activity-place', (t) => t.includes(PLACE), 'the place')
  await tap(page, '#activity-signup')
  await waitForText(page, '#activity-mine-status', (t) => t === '已报名', 'the sign-up state')
  await waitForText(page, '#activity-done', (t) => t.includes('报名成功'), 'the sign-up confirmation')
  await waitForText(page, '#activity-quota', (t) => t.includes('已报名 1/20'), 'the places taken')
  // Not in the check-in window yet: no 去签到.
  await expect(page.locator('#activity-checkin').count()).resolves.toBe(0)
  await shot(page, 'v06-youth-signed-up')

  const parts = system.emulator.store.find('participations', { activityId: id })
  expect(parts).toHaveLength(1)
  expect(parts[0]).toMatchObject({ openid: 'dev-youth', status: 'signed' })
  story.participationId = parts[0]._id as string
  story.signedUp = true
})

it('next morning at 08:50 she checks in with the code from the cadre’s board', async () => {
  const id = need(story.activityId, 'no activity was created')
  need(story.signedUp, 'the youth did not sign up')
  await moveClocks(T_CHECK_IN)

  await open(cadre.page, `packages/cadre/pages/board/index?id=${id}`)
  await see(cadre.page, '#page-cadre-board', 'the board')
  // She types the 6 digits shown beside the QR, as a youth whose phone cannot scan does.
  const code = (await textOf(cadre.page, '#board-short-code', 'the 6-digit code on the board (check-in window open at 08:50)')).replace(/\s/g, '')
  expect(code).toMatch(/^[0-9]{6}$/)
  await waitForText(cadre.page, '#board-count-signed', (t) => t === '1', 'the board’s 已报名 count')
  await waitForText(cadre.page, '#board-count-checkedIn', (t) => t === '0', 'the board’s 已签到 count before')
  await shot(cadre.page, 'v07-board-check-in')

  const { page } = youth
  await open(page, `pages/activity/index?id=${id}`)
  await see(page, '#activity-checkin', 'the 去签到 button at 08:50 (the page decides with the browser clock)')
  await shot(page, 'v08-youth-check-in-open')
  await tap(page, '#activity-checkin')
  await see(page, '#page-checkin', 'the check-in page')
  expect(page.url()).toContain('mode=in')
  await see(page, '#checkin-by-code', 'the code section of the check-in page')
  await page.locator('#checkin-code-input input').fill(code)
  await tap(page, '#checkin-code-submit')
  await see(page, '#checkin-result', 'the check-in result')
  await waitForText(page, '#checkin-result-title', (t) => t === '签到成功', 'the check-in result title')
  await waitForText(page, '#checkin-result-time', (t) => t === '08:50', 'the check-in time (server time)')
  await shot(page, 'v09-youth-checked-in')

  const [p] = system.emulator.store.find('participations', { activityId: id })
  expect(p.checkIn).toMatchObject({ at: T_CHECK_IN })
  expect(p.flags).toEqual([])
  story.checkedIn = true

  // The board polls every 5 s.
  await waitForText(cadre.page, '#board-count-checkedIn', (t) => t === '1', 'the board’s 已签到 count after her check-in', 12_000)
  await shot(cadre.page, 'v10-board-one-checked-in')
})

it('at 11:05 the board shows a new code and she checks out with it: 120 minutes', async () => {
  const id = need(story.activityId, 'no activity was created')
  need(story.checkedIn, 'the youth did not check in')
  const before = await textOf(cadre.page, '#board-short-code', 'the board’s code before the clock moves')
  await moveClocks(T_CHECK_OUT)
  // The open board fetches the next code on its own (every 5 s, or at once when the countdown ends).
  const code = (await waitForText(cadre.page, '#board-short-code', (t) => t !== before && /^[0-9]{3} [0-9]{3}$/.test(t), 'a new code on the board at 11:05', 12_000)).replace(/\s/g, '')
  await shot(cadre.page, 'v11-board-check-out')

  const { page } = youth
  await open(page, `pages/activity/index?id=${id}`)
  await see(page, '#activity-checkout', 'the 去签退 button at 11:05')
  await waitForText(page, '#activity-mine-status', (t) => t.startsWith('已签到'), 'her state before checking out')
  await tap(page, '#activity-checkout')
  await see(page, '#page-checkin', 'the check-out page')
  expect(page.url()).toContain('mode=out')
  await page.locator('#checkin-code-input input').fill(code)
  await tap(page, '#checkin-code-submit')
  await see(page, '#checkin-result', 'the check-out result')
  await waitForText(page, '#checkin-result-title', (t) => t === '签退成功', 'the check-out result title')
  await waitForText(page, '#checkin-result-time', (t) => t === '11:05', 'the check-out time')
  await waitForText(page, '#checkin-result-minutes', (t) => t.includes('本次记录 2小时'), 'the minutes on the check-out result')
  await shot(page, 'v12-youth-checked-out')

  const [p] = system.emulator.store.find('participations', { activityId: id })
  expect(p).toMatchObject({ minutes: 120, review: 'pending', flags: [] })
  expect(p.checkOut).toMatchObject({ at: T_CHECK_OUT })
  await waitForText(cadre.page, '#board-count-checkedOut', (t) => t === '1', 'the board’s 已签退 count', 12_000)
  story.checkedOut = true
})

it('the cadre approves her record in the review queue', async () => {
  const pid = need(story.participationId, 'no participation was recorded')
  need(story.checkedOut, 'the youth did not check out')
  const { page } = cadre
  await open(page, `packages/cadre/pages/review/index`)
  await see(page, '#page-cadre-review', 'the review queue')
  await waitForText(page, '#review-org-open', (t) => t.includes('润城镇团委'), 'the review queue’s default org')
  // Seeded records of 润城镇 wait too; hers is the newest, so it may be on a later page.
  const row = `#review-item-${pid}`
  const more = page.locator('#review-more')
  for (const until = Date.now() + 15_000; Date.now() < until && !(await page.locator(row).count()); await page.waitForTimeout(200)) {
    // 加载更多 shows a spinner while a page loads; tap it only when it is idle.
    if ((await more.count()) && !(await more.evaluate((el) => el.className.includes('loading')))) await more.tap()
  }
  await see(page, row, 'her record in the review queue (after loading every page)', 1000)
  await waitForText(page, row, (t) => t.includes('王晓青') && t.includes(TITLE) && t.includes('2小时') && t.includes('08:50–11:05'), 'her row')
  await page.locator(row).scrollIntoViewIfNeeded()
  await tap(page, row)
  await waitForText(page, '#review-selected-count', (t) => t === '已选 1 条', 'the selection count')
  await shot(page, 'v13-review-selected')
  await tap(page, '#review-approve')
  await waitForText(page, '#review-summary', (t) => t.includes('已通过 1 条'), 'the approval summary')
  await waitForText(page, `#review-result-${pid}`, (t) => t === '已通过', 'the result on her row')
  await shot(page, 'v14-review-approved')

  const [p] = system.emulator.store.find('participations', { _id: pid })
  expect(p).toMatchObject({ review: 'approved', approvedMinutes: 120, reviewedBy: 'dev-cadre', reviewedAt: T_CHECK_OUT })
  const audits = system.emulator.store.find('audit_logs', { action: 'activity.approveHours', actor: 'dev-cadre' })
  expect(audits.filter((a) => JSON.stringify(a).includes(pid))).toHaveLength(1)
  story.approved = true
})

it('her 我的时长 shows the two new hours, the stars and 2 more 益币; the certificate verifies without a login', async () => {
  need(story.approved, 'her hours were not approved')
  const before = need(story.before, 'the starting totals were not read')
  const hours = await call<Hours>(youth.context.request, 'activity', 'myHours')
  const balance = await call<Balance>(youth.context.request, 'points', 'balance')
  expect(hours.attendedMinutes).toBe(before.hours.attendedMinutes + 120)
  expect(hours.totalMinutes).toBe(before.hours.totalMinutes + 120)
  expect(hours.declaredMinutes).toBe(before.hours.declaredMinutes)
  expect(balance.balance).toBe(before.balance.balance + 2)
  expect(balance.earned).toBe(before.balance.earned + 2)

  const { page } = youth
  await open(page, `packages/youth/pages/hours/index`)
  await see(page, '#page-hours', '我的时长')
  const hoursText = (m: number) => String(Math.round((m / 60) * 10) / 10)
  await waitForText(page, '#hours-total', (t) => t === hoursText(hours.totalMinutes), `the total hours (${hoursText(before.hours.totalMinutes)} + 2)`)
  await waitForText(page, '#hours-attended', (t) => t === `${hoursText(hours.attendedMinutes)}小时`, 'the attended hours')
  await waitForText(page, '#points-balance', (t) => t === String(balance.balance), `the 益币 balance (${before.balance.balance} + 2)`)
  await expect(page.locator('#hours-stars').getAttribute('data-stars')).resolves.toBe(String(hours.stars))
  await waitForText(page, '#hours-next-text', (t) => (hours.next ? t.includes(`成为${hours.next.stars}星志愿者`) : t.includes('最高星级')), 'the progress to the next star')
  await see(page, '#hours-next .nut-progress', 'the star progress bar')
  // Her new record is first, approved, with its 益币.
  await waitForText(page, `#record-${need(story.participationId, '')}`, (t) => t.includes(TITLE) && t.includes('2小时') && t.includes('+2 益币'), 'her new record in 时长记录')
  await shot(page, 'v15-youth-hours')

  await tap(page, '#hours-certificate')
  await see(page, '#page-certificate', 'the certificate page')
  const serialText = await textOf(page, '#certificate-serial', 'the certificate serial')
  const serial = serialText.replace(/^编号\s*/, '')
  expect(serial).toMatch(CERT_SERIAL)
  await waitForText(page, '#certificate-records', (t) => t.includes(TITLE), 'the new activity on the certificate')
  await waitForText(page, '#certificate-total', (t) => t.includes(`累计 ${hoursText(hours.totalMinutes)} 小时`), 'the certificate total')
  await shot(page, 'v16-youth-certificate')
  // The picture to save and share: the same drawing, 1500 px wide, as an image in the page.
  await tap(page, '#certificate-picture')
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('#certificate-image img')
    return !!img && img.complete && img.naturalWidth === 1500
  })
  expect(await page.locator('#certificate-image img').getAttribute('src')).toMatch(/^data:image\/png;base64,/)
  await page.locator('#certificate-image').scrollIntoViewIfNeeded()
  await shot(page, 'v17-youth-certificate-picture')

  // Anyone can verify the serial: a fresh request context, no session cookie.
  const anonymous = await request.newContext()
  try {
    const verified = await call<{ valid: boolean; holderName: string; totalMinutes: number; stars: number }>(anonymous, 'activity', 'verifyCertificate', { serial })
    expect(verified.valid).toBe(true)
    expect(verified.totalMinutes).toBe(hours.totalMinutes)
    expect(verified.stars).toBe(hours.stars)
    expect(verified.holderName).not.toBe('王晓青')
    expect(verified.holderName.startsWith('王')).toBe(true)
    // And the same request without a session cannot read her hours.
    const mine = await anonymous.post(`${system.url}/api/activity`, { data: { action: 'myHours', payload: {} } })
    expect((await mine.json()).ok).toBe(false)
  } finally {
    await anonymous.dispose()
  }

  // The certificate's QR is a link; anyone who opens it, without logging in, sees it confirmed.
  // Read as a scanner would: the drawn modules, decoded independently of the encoder.
  const count = Number(await page.locator('svg#certificate-qr').getAttribute('data-modules'))
  const d = (await page.locator('svg#certificate-qr path').getAttribute('d')) ?? ''
  const modules = Array.from({ length: count }, () => new Array<boolean>(count).fill(false))
  for (const [, start, row, len] of d.matchAll(/M(\d+) (\d+)h(\d+)/g)) for (let c = 0; c < Number(len); c++) modules[Number(row)][Number(start) + c] = true
  const qr = decodeMatrix(modules).text
  expect(qr).toBe(`${system.url}/v/${serial}`)
  const stranger = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  try {
    const visitor = await stranger.newPage()
    await visitor.goto(qr!)
    await see(visitor, '#verify-result[data-result="valid"]', 'the verification page for a visitor without a session')
    await waitForText(visitor, '#verify-status', (t) => t.includes('证明有效'), 'the verdict')
    await waitForText(visitor, '#verify-holder', (t) => t.startsWith('王') && t !== '王晓青', 'the masked holder name')
    await waitForText(visitor, '#verify-total', (t) => t === `${hoursText(hours.totalMinutes)} 小时`, 'the verified total')
    await shot(visitor, 'v18-visitor-verifies-certificate')
  } finally {
    await stranger.close()
  }
})

it('her 益币 account still equals the sum of her ledger entries', () => {
  need(story.approved, 'her hours were not approved')
  const before = need(story.before, 'the starting totals were not read')
  const userId = youthUserId()
  const [account] = system.emulator.store.find('accounts', { _id: userId })
  const entries = system.emulator.store.find('ledger_entries', { accountId: userId })
  expect(account).toBeDefined()
  expect(entries).toHaveLength(before.ledgerEntries + 1)
  const sum = entries.reduce((s, e) => s + (e.amount as number), 0)
  expect(account.balance).toBe(sum)
  const credits = entries.filter((e) => e.kind === 'credit' && e.amount === 2 && JSON.stringify(e.ref).includes(need(story.participationId, '')))
  expect(credits).toHaveLength(1)
})
