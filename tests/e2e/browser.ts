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

/** Where the app shows a refusal or failure; a timed-out wait reports what they said. */
const ERROR_NOTICES = ['#edit-notice', '#activity-error', '#activity-load-error', '#checkin-error', '#board-error', '#review-summary', '.tq-notice']

/** Waits for `selector`; on a timeout says what was expected, where, and what the page showed instead. */
export async function see(page: Page, selector: string, what: string, timeout = 10_000): Promise<void> {
  try {
    await page.locator(selector).first().waitFor({ state: 'visible', timeout })
  } catch {
    throw new Error(`${what}: ${selector} did not appear within ${timeout} ms on ${page.url()}${await shownNotices(page)}`)
  }
}

async function shownNotices(page: Page): Promise<string> {
  const texts: string[] = []
  for (const sel of ERROR_NOTICES) {
    for (const t of await page.locator(sel).allTextContents().catch(() => [] as string[])) if (t.trim()) texts.push(`${sel}: ${t.trim()}`)
  }
  return texts.length ? `; the page shows: ${[...new Set(texts)].join(' | ')}` : ''
}

export async function textOf(page: Page, selector: string, what: string): Promise<string> {
  await see(page, selector, what)
  return ((await page.locator(selector).first().textContent()) ?? '').trim()
}

/** Waits until `selector`'s text satisfies `ok`; fails with the last text seen. */
export async function waitForText(page: Page, selector: string, ok: (t: string) => boolean, what: string, timeout = 10_000): Promise<string> {
  const until = Date.now() + timeout
  let last = ''
  for (;;) {
    last = ((await page.locator(selector).first().textContent({ timeout: 1000 }).catch(() => null)) ?? '<absent>').trim()
    if (ok(last)) return last
    if (Date.now() > until) throw new Error(`${what}: ${selector} still reads "${last}" after ${timeout} ms on ${page.url()}${await shownNotices(page)}`)
    await page.waitForTimeout(200)
  }
}

export type ApiContext = { post: BrowserContext['request']['post'] }

/** Calls a function action as the context's logged-in user (or anonymously) and returns `data`. */
export async function callApi<T>(ctx: ApiContext, baseUrl: string, fn: string, action: string, payload: Record<string, unknown> = {}): Promise<T> {
  const res = await ctx.post(`${baseUrl}/api/${fn}`, { data: { action, payload } })
  const body = (await res.json().catch(() => null)) as { ok: boolean; data?: T; error?: { code: string; message: string } } | null
  if (!body?.ok) throw new Error(`${fn}.${action} failed (HTTP ${res.status()}): ${JSON.stringify(body?.error ?? body)}`)
  return body.data as T
}

/**
 * Opens an app route as a fresh page load (as from a shared link or a notification). A bare hash
 * change would let Taro's router re-show a cached page whose `useNow()` still holds the old time.
 */
export async function openRoute(page: Page, baseUrl: string, route: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(`${baseUrl}/#/${route}`)
}

/** Waits until an image inside `selector` has loaded; answers its natural width. */
export async function imageLoaded(page: Page, selector: string, what: string, timeout = 10_000): Promise<number> {
  try {
    await page.waitForFunction((sel) => {
      const img = document.querySelector<HTMLImageElement>(`${sel} img`) ?? document.querySelector<HTMLImageElement>(`img${sel}`)
      return !!img && img.complete && img.naturalWidth > 0
    }, selector, { timeout })
  } catch {
    throw new Error(`${what}: no loaded image in ${selector} within ${timeout} ms on ${page.url()}`)
  }
  return page.locator(`${selector} img`).first().evaluate((img: HTMLImageElement) => img.naturalWidth)
}

/** Waits until `read` answers what `ok` accepts (the server's write lands after the page's tap). */
export async function until<T>(read: () => T, ok: (v: T) => boolean, what: string, timeout = 10_000): Promise<T> {
  const end = Date.now() + timeout
  for (;;) {
    const v = read()
    if (ok(v)) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(v)})`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Stops a step whose input an earlier step should have made, saying so (instead of a confusing failure). */
export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`cannot run: ${what} (an earlier step failed; see its error)`)
  return value
}
