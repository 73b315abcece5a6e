import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { LocalCloud } from '../../local/local-cloud'
import { landscape } from '../../local/seed/pictures'
import { imageLoaded, launchBrowser, openRoute, phone, see, shot, startSystem, tap, waitForText } from './browser'

/**
 * 申报时长 with photos, end to end: 王晓青 (dev-youth) declares service she did off the app with two
 * photos from her album; they go to cloud storage in her own folder; 李建国 (dev-cadre) sees them as
 * pictures in his review queue, opens them and approves. Nobody else can open the files.
 */

const TITLE = '帮邻居老人搬运过冬煤炭'
const EVIDENCE = '周六上午帮上庄村两户独居老人把过冬的煤搬进煤棚，村委会王主任在场。'

let system: LocalCloud
let browser: Browser
let youth: { context: BrowserContext; page: Page }
let cadre: { context: BrowserContext; page: Page }
const dir = mkdtempSync(join(tmpdir(), 'tq-e2e-photos-'))
const PHOTOS = [join(dir, 'coal-1.png'), join(dir, 'coal-2.png')]
let declarationId: string | undefined

beforeAll(async () => {
  PHOTOS.forEach((p, i) => writeFileSync(p, landscape(i + 2, 640, 480)))
  system = await startSystem()
  browser = await launchBrowser()
  youth = await phone(browser, system.url, 'dev-youth')
  cadre = await phone(browser, system.url, 'dev-cadre')
})

afterAll(async () => {
  await browser?.close()
  await system?.close()
})

/** Opens the review queue and loads pages until the declaration's row is there; answers its selector. */
async function openQueueAt(page: Page, id: string): Promise<string> {
  await openRoute(page, system.url, 'packages/cadre/pages/review/index')
  await see(page, '#page-cadre-review', 'the review queue')
  const row = `#review-item-${id}`
  const more = page.locator('#review-more')
  for (const until = Date.now() + 15_000; Date.now() < until && !(await page.locator(row).count()); await page.waitForTimeout(200)) {
    // 加载更多 shows a spinner while a page loads; tap it only when it is idle.
    if ((await more.count()) && !(await more.evaluate((el) => el.className.includes('loading')))) await more.tap()
  }
  await see(page, row, 'her declaration in the review queue', 1000)
  await page.locator(row).scrollIntoViewIfNeeded()
  return row
}

it('the youth declares hours with two photos from her album', async () => {
  const { page } = youth
  await openRoute(page, system.url, 'packages/youth/pages/declare/index')
  await see(page, '#declare-title-input', 'the declare form')
  await page.locator('#declare-title-input input').fill(TITLE)
  await tap(page, '#declare-date-open')
  await tap(page, '.nut-picker-confirm-btn') // today
  await page.locator('#declare-evidence-input textarea').fill(EVIDENCE)
  const chooser = page.waitForEvent('filechooser')
  await tap(page, '#declare-photos-add')
  await (await chooser).setFiles(PHOTOS)
  await imageLoaded(page, '#declare-photo-1', 'the second chosen photo')
  await shot(page, 'd01-youth-declare-photos')
  await tap(page, '#declare-submit')
  await see(page, '#declare-done', 'the declaration confirmation')
  await shot(page, 'd02-youth-declared')

  const [doc] = system.emulator.store.find('declarations', { openid: 'dev-youth', title: TITLE })
  const userId = system.emulator.store.find('profiles', { openid: 'dev-youth' })[0]._id as string
  expect(doc).toMatchObject({ review: 'pending', evidenceText: EVIDENCE })
  expect(doc.photos).toHaveLength(2)
  for (const f of doc.photos as string[]) expect(f).toMatch(new RegExp(`^cloud://local\\.local-files/uploads/${userId}/[A-Za-z0-9]{20}\\.png$`))
  declarationId = doc._id as string
})

it('the cadre sees the photos in his review queue, opens one and approves', async () => {
  const id = declarationId
  if (!id) throw new Error('cannot run: the declaration was not made (see the previous step)')
  const { page } = cadre
  const row = await openQueueAt(page, id)
  expect(await imageLoaded(page, `#review-photo-${id}-0`, 'the first evidence photo')).toBe(640)
  await imageLoaded(page, `#review-photo-${id}-1`, 'the second evidence photo')
  await shot(page, 'd03-cadre-review-photos')

  // The pictures come through temporary URLs; the same file without its signature is not served.
  const src = await page.locator(`#review-photo-${id}-0 img`).getAttribute('src')
  expect(src).toMatch(/^\/files\/uploads\/.+\?expires=\d+&sign=/)
  expect((await youth.context.request.get(`${system.url}${src!.split('?')[0]}`)).status()).toBe(404)

  // A tap on a photo opens it large and does not select the record.
  await tap(page, `#review-photo-${id}-0`)
  await page.waitForTimeout(600)
  await shot(page, 'd04-cadre-photo-preview')
  await openQueueAt(page, id)
  await tap(page, row)
  await waitForText(page, '#review-selected-count', (t) => t === '已选 1 条', 'the selection count')
  await tap(page, '#review-approve')
  await waitForText(page, '#review-summary', (t) => t.includes('已通过 1 条'), 'the approval summary')
  const [doc] = system.emulator.store.find('declarations', { _id: id })
  expect(doc).toMatchObject({ review: 'approved', approvedMinutes: 60, reviewedBy: 'dev-cadre' })
})
