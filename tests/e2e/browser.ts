import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startLocalCloud, type LocalCloud } from '../../local/local-cloud'
import type { Clock } from '../../cloudfunctions/_core/runtime/clock'

export const SCREENSHOTS = resolve(__dirname, 'screenshots')

/** Debian's chromium; the flags keep it off a network this machine does not have. Playwright gives each launch a fresh profile. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath} (apt-get install chromium)`)
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** The whole system on an ephemeral port with a throwaway database, serving the real H5 build. */
export async function startSystem(opts: { clock?: Clock } = {}): Promise<LocalCloud> {
  const staticDir = resolve(__dirname, '../../dist/h5')
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error('dist/h5 is missing: run npm run build:h5')
  return startLocalCloud({ port: 0, dataFile: ':memory:', staticDir, youth: 40, clock: opts.clock })
}

export const tap = (page: Page, selector: string) => page.locator(selector).first().tap()

/** Picks an org in the app's cascading org picker by the ids on the way down. */
export async function pickOrg(page: Page, field: string, ids: string[]): Promise<void> {
  await tap(page, `#${field}-open`)
  for (const id of ids) await tap(page, `#${field}-option-${id}`)
  // Tapping a leaf chooses it and the popup slides away; an org with children needs 选择 instead.
  await page.waitForTimeout(500)
  const choose = page.locator(`#${field}-choose`)
  if (await choose.isVisible().catch(() => false)) await choose.tap()
}

/** A phone-sized page logged in as `openid` through the dev session. */
export async function phone(browser: Browser, baseUrl: string, openid: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const login = await context.request.post(`${baseUrl}/dev/login`, { data: { openid } })
  if (!login.ok()) throw new Error(`dev login failed: ${login.status()}`)
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  page.on('pageerror', (e) => console.error(`[${openid}] page error: ${e.message}`))
  return { context, page }
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.waitForTimeout(400) // Taro's h5 pages slide in for ~300 ms
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}
