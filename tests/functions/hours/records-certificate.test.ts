import { FULL_PHONE } from '../../fixtures/people'
import { HOUR, ended, putActivity, putAttendance } from '../../fixtures/activities'
import { TEST_NOW, errCode, ok, testCloud, type TestCloud } from '../../fixtures/test-cloud'
import { att, decl, putDeclaration } from './fixtures'

let cloud: TestCloud
let youthId: string
beforeAll(async () => {
  cloud = await testCloud()
  youthId = ok(await cloud.as('dev-youth').user.me({})).profile!.userId
})
afterAll(() => cloud.close())

const approve = async (items: { kind: 'attendance' | 'declaration'; id: string }[]) => ok(await cloud.as('dev-cadre').activity.approveHours({ items }))

describe('myHours', () => {
  it('answers zeros and the way to the first star before anything is approved', async () => {
    expect(ok(await cloud.as('dev-youth').activity.myHours({}))).toEqual({
      attendedMinutes: 0,
      declaredMinutes: 0,
      totalMinutes: 0,
      stars: 0,
      next: { stars: 1, minutes: 6000, remainingMinutes: 6000 },
    })
  })

  it('counts approved attended and declared minutes toward the stars', async () => {
    const a = putActivity(cloud, ended('mh-a', { title: '植树' }))
    const p = putAttendance(cloud, a, 'mh-youth', { minutes: 240 })
    // 96 hours declared over four days: a day holds at most 24.
    const ds = [17, 18, 19, 20].map((day) => putDeclaration(cloud, `dc-mh-${day}`, 'mh-youth', { date: `2026-11-${day}`, minutes: 24 * 60 }))
    await approve([att(p), ...ds.map(decl)])
    expect(ok(await cloud.as('mh-youth').activity.myHours({}))).toEqual({
      attendedMinutes: 240,
      declaredMinutes: 5760,
      totalMinutes: 6000,
      stars: 1,
      next: { stars: 2, minutes: 18000, remainingMinutes: 12000 },
    })
  })
})

describe('myRecords and certificate', () => {
  beforeAll(async () => {
    const older = putActivity(cloud, ended('rc-older', { title: '防汛演练', pointsPerHour: 2, startAt: TEST_NOW - 72 * HOUR }))
    const newer = putActivity(cloud, ended('rc-newer', { title: '垃圾分类宣传' }))
    const rejected = putActivity(cloud, ended('rc-rejected', { title: '图书整理', startAt: TEST_NOW - 48 * HOUR }))
    const p1 = putAttendance(cloud, older, 'dev-youth', { minutes: 180 })
    putAttendance(cloud, newer, 'dev-youth', { minutes: 60 })
    const p3 = putAttendance(cloud, rejected, 'dev-youth', { minutes: 60 })
    putAttendance(cloud, putActivity(cloud, ended('rc-none', { title: '未签到活动' })), 'dev-youth', { review: 'none' })
    const d = putDeclaration(cloud, 'dc-rc', 'dev-youth', { date: '2026-11-10', minutes: 120, title: '关爱留守儿童' })
    putDeclaration(cloud, 'dc-rc-pending', 'dev-youth', { date: '2026-11-25', minutes: 60, title: '社区值守' })
    putAttendance(cloud, older, 'rc-someone-else', { minutes: 180 })
    await approve([att(p1), decl(d)])
    ok(await cloud.as('dev-cadre').activity.rejectHours({ items: [att(p3)], reason: '未在现场' }))
  })

  it('lists the caller’s own records newest first with what each earned, page by page', async () => {
    const all = ok(await cloud.as('dev-youth').activity.myRecords({}))
    expect(all.items.map((r) => [r.title, r.review, r.minutes, r.points, r.source])).toEqual([
      ['垃圾分类宣传', 'pending', 60, 0, 'attended'],
      ['图书整理', 'rejected', 60, 0, 'attended'],
      ['防汛演练', 'approved', 180, 6, 'attended'],
      ['社区值守', 'pending', 60, 0, 'declared'],
      ['关爱留守儿童', 'approved', 120, 0, 'declared'],
    ])
    const first = ok(await cloud.as('dev-youth').activity.myRecords({ limit: 2 }))
    const second = ok(await cloud.as('dev-youth').activity.myRecords({ limit: 2, cursor: first.nextCursor! }))
    const third = ok(await cloud.as('dev-youth').activity.myRecords({ limit: 2, cursor: second.nextCursor! }))
    expect([...first.items, ...second.items, ...third.items]).toEqual(all.items)
    expect(third.nextCursor).toBeNull()
  })

  it('issues a certificate of approved hours with a stable serial that anyone can verify, masked', async () => {
    const cert = ok(await cloud.as('dev-youth').activity.certificate({}))
    expect(cert).toMatchObject({ holderName: '王晓青', totalMinutes: 300, stars: 0, issuedAt: cloud.clock.now() })
    expect(cert.serial).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    expect(cert.records).toEqual([
      { title: '关爱留守儿童', at: Date.parse('2026-11-10T00:00:00+08:00'), minutes: 120, source: 'declared' },
      { title: '防汛演练', at: TEST_NOW - 72 * HOUR, minutes: 180, source: 'attended' },
    ])
    expect(cloud.emulator.store.get('certificates', cert.serial)).toMatchObject({ userId: youthId, totalMinutes: 300, issuedAt: cloud.clock.now() })

    // Asked again later with nothing new approved: the same certificate, the same issue date.
    cloud.clock.advance(HOUR)
    expect(ok(await cloud.as('dev-youth').activity.certificate({}))).toEqual(cert)

    const check = ok(await cloud.as(null).activity.verifyCertificate({ serial: cert.serial }))
    expect(check).toEqual({ valid: true, holderName: '王*青', totalMinutes: 300, stars: 0, issuedAt: cert.issuedAt, reversedMinutes: 0, notice: null })
    const text = JSON.stringify(check)
    expect(text).not.toMatch(FULL_PHONE)
    expect(text).not.toContain(youthId)
    expect(text).not.toContain('dev-youth')
  })

  it('gives a new serial once more hours are approved, and verifies the new one', async () => {
    const before = ok(await cloud.as('dev-youth').activity.certificate({}))
    await approve([{ kind: 'declaration', id: 'dc-rc-pending' }])
    const after = ok(await cloud.as('dev-youth').activity.certificate({}))
    expect(after.totalMinutes).toBe(360)
    expect(after.serial).not.toBe(before.serial)
    expect(ok(await cloud.as(null).activity.verifyCertificate({ serial: after.serial })).totalMinutes).toBe(360)
    // The certificate printed before still verifies, with the total it was issued with.
    expect(ok(await cloud.as(null).activity.verifyCertificate({ serial: before.serial }))).toMatchObject({ totalMinutes: before.totalMinutes, issuedAt: before.issuedAt })
    // Another holder with the same total still gets another serial: it is keyed by the holder.
    const a = putActivity(cloud, ended('rc-other', { pointsPerHour: 0 }))
    await approve([att(putAttendance(cloud, a, 'dev-rep', { minutes: 360 }))])
    expect(ok(await cloud.as('dev-rep').activity.certificate({})).serial).not.toBe(after.serial)
  })

  it('answers CERT.NOT_FOUND for an unknown serial and BAD_INPUT for a malformed one', async () => {
    expect(errCode(await cloud.as(null).activity.verifyCertificate({ serial: 'ZZZZ-ZZZZ-ZZZZ' }))).toBe('CERT.NOT_FOUND')
    for (const serial of ['zzzz-zzzz-zzzz', 'ZZZZZZZZZZZZ', { $ne: null }, '']) {
      expect(errCode(await cloud.raw('activity', { action: 'verifyCertificate', payload: { serial } }, null))).toBe('GENERIC.BAD_INPUT')
    }
  })

  it('asks an unregistered caller to register first', async () => {
    expect(errCode(await cloud.as('nobody-registered').activity.certificate({}))).toBe('USER.NOT_REGISTERED')
  })
})
