import type { Browser } from 'playwright-core'
import type { LocalCloud } from '../../local/local-cloud'
import { registration } from '../fixtures/people'
import { launchBrowser, phone, pickOrg, shot, startSystem, tap } from './browser'

/**
 * The foundation's story in a real browser against the whole local system: a new youth accepts the
 * privacy guide and registers; an admin issues a cadre invite; a second user redeems it and works
 * in the cadre pages.
 */
let system: LocalCloud
let browser: Browser

beforeAll(async () => {
  system = await startSystem()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await system?.close()
})

it('a new youth accepts the privacy guide and registers; the phone is shown masked', async () => {
  const { page, context } = await phone(browser, system.url, 'e2e-newcomer')
  await page.goto(`${system.url}/#/pages/index/index`)
  await page.waitForSelector('#page-privacy')
  await shot(page, '01-privacy')
  await tap(page, '#privacy-agree')
  await page.waitForSelector('#page-profile')

  // Submitting an empty form shows the shared schema's Chinese messages and sends nothing.
  await tap(page, '#profile-submit')
  await expect(page.locator('#field-realName-error').textContent()).resolves.toMatch(/请填写姓名/)
  await expect(page.locator('#field-phone-error').textContent()).resolves.toMatch(/手机号/)

  await page.locator('#realName-input input').fill('刘青云')
  await tap(page, '#gender-male')
  await tap(page, '#birthDate-open')
  await tap(page, '.nut-picker-confirm-btn')
  await page.locator('#phone-input input').fill('13912345678')
  await pickOrg(page, 'orgId', ['yc', 'yc-rc', 'yc-rc-b3'])
  await expect(page.locator('#orgId-open').textContent()).resolves.toContain('屯城村团支部')
  await tap(page, '#sector-ecommerce')
  await tap(page, '#leagueMember-yes')
  await page.locator('#skills-input input').fill('直播带货')
  await tap(page, '#skills-add')
  await shot(page, '02-profile-filled')
  await tap(page, '#profile-submit')

  // A new youth lands on the 活动 tab; 我的 shows the profile.
  await page.waitForSelector('#page-activities')
  await page.goto(`${system.url}/#/pages/me/index`)
  await page.waitForSelector('#page-me')
  await expect(page.locator('#profile-name').textContent()).resolves.toContain('刘青云')
  await expect(page.locator('#profile-phone').textContent()).resolves.toContain('139****5678')
  expect(await page.content()).not.toContain('13912345678')
  await shot(page, '03-me-youth')

  // The server kept the accepted privacy version and nothing in the clear.
  const me = await (await context.request.post(`${system.url}/api/user`, { data: { action: 'me', payload: {} } })).json()
  expect(me.data.privacy.accepted).toBe(me.data.privacy.current)
  expect(system.emulator.store.find('profiles', { realName: '刘青云' })).toHaveLength(1)
  expect(JSON.stringify(system.emulator.store.find('profiles', { realName: '刘青云' }))).not.toContain('13912345678')
  await context.close()
})

let inviteCode = ''

it('an admin issues a cadre invite for 北留镇团委', async () => {
  const { page, context } = await phone(browser, system.url, 'dev-admin')
  await page.goto(`${system.url}/#/packages/admin/pages/invites/index`)
  await page.waitForSelector('#page-admin-invites')
  await tap(page, '#invite-role-cadre')
  await pickOrg(page, 'invite-org', ['yc', 'yc-bl'])
  await tap(page, '#invite-create-submit')
  const shown = page.locator('#invite-code-shown')
  await shown.waitFor()
  inviteCode = ((await shown.textContent()) ?? '').replace(/[^0-9A-Z]/g, '')
  expect(inviteCode).toMatch(/^[0-9A-Z]{8}$/)
  await shot(page, '04-admin-invite')
  const [audit] = system.emulator.store.find('audit_logs', { action: 'user.createInvite' })
  expect(audit).toMatchObject({ actor: 'dev-admin', target: { type: 'invite', id: inviteCode } })
  await context.close()
})

it('a second user redeems the invite and sees the cadre pages', async () => {
  const { page, context } = await phone(browser, system.url, 'e2e-second')
  const reg = await context.request.post(`${system.url}/api/user`, {
    data: { action: 'register', payload: registration({ realName: '孙志远', gender: 'male', birthDate: '1995-03-08', phone: '15035001111', orgId: 'yc-bl' }) },
  })
  expect((await reg.json()).ok).toBe(true)

  await page.goto(`${system.url}/#/pages/me/index`)
  await page.waitForSelector('#page-me')
  await expect(page.locator('#entry-youth').count()).resolves.toBe(0)
  await page.locator('#invite-code-input input').fill(`${inviteCode.slice(0, 4)} ${inviteCode.slice(4).toLowerCase()}`)
  await tap(page, '#invite-code-submit')
  await page.waitForSelector('#invite-success')
  await expect(page.locator('#my-roles').textContent()).resolves.toContain('团干部')
  await shot(page, '05-me-cadre')

  await tap(page, '#entry-youth')
  await page.waitForSelector('#page-cadre-youth')
  await page.waitForSelector('.tq-youth-item')
  const rows = await page.locator('.tq-youth-item').allTextContents()
  expect(rows.length).toBeGreaterThan(0)
  expect(rows.join('\n')).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/)
  await shot(page, '06-cadre-youth')
  await context.close()
})
