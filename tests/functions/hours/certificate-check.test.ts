import { ended, putActivity, putAttendance } from '../../fixtures/activities'
import { ok, testCloud, type TestCloud } from '../../fixtures/test-cloud'
import { att } from './fixtures'

/**
 * The public check of a certificate (docs/domain.md) shows what was printed — the name and the total
 * — and says plainly when hours on it were reversed after it was issued.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
})
afterAll(() => cloud.close())

const approve = (items: { kind: 'attendance'; id: string }[]) => cloud.as('dev-cadre').activity.approveHours({ items })
const verify = (serial: string) => cloud.as(null).activity.verifyCertificate({ serial })

describe('verifyCertificate', () => {
  it('shows the name printed on the certificate, not the holder’s current one', async () => {
    const a = putActivity(cloud, ended('cc-name', { pointsPerHour: 0 }))
    ok(await approve([att(putAttendance(cloud, a, 'dev-youth', { minutes: 120 }))]))
    const printed = ok(await cloud.as('dev-youth').activity.certificate({}))
    expect(printed.holderName).toBe('王晓青')
    ok(await cloud.as('dev-youth').user.updateProfile({ realName: '李青' }))
    expect(ok(await verify(printed.serial))).toMatchObject({ holderName: '王*青', totalMinutes: 120, reversedMinutes: 0, notice: null })
    // A certificate printed under the new name is another certificate, showing that name.
    cloud.clock.advance(60_000)
    const renamed = ok(await cloud.as('dev-youth').activity.certificate({}))
    expect(renamed.serial).not.toBe(printed.serial)
    expect(cloud.emulator.store.get('certificates', printed.serial)).toMatchObject({ holderName: '王晓青' })
    expect(cloud.emulator.store.get('certificates', renamed.serial)).toMatchObject({ holderName: '李青' })
    expect(ok(await verify(renamed.serial)).holderName).toBe('李*')
  })

  it('says plainly that hours on it were reversed, keeping the printed total', async () => {
    const a = putActivity(cloud, ended('cc-rev', { pointsPerHour: 0 }))
    const p = putAttendance(cloud, a, 'dev-rep', { minutes: 180 })
    ok(await approve([att(p)]))
    const printed = ok(await cloud.as('dev-rep').activity.certificate({}))
    expect(ok(await verify(printed.serial))).toMatchObject({ totalMinutes: 180, reversedMinutes: 0, notice: null })
    cloud.clock.advance(60_000)
    ok(await cloud.as('dev-cadre').activity.reverseApproval({ item: att(p), reason: '签到记录有误' }))
    const check = ok(await verify(printed.serial))
    expect(check).toMatchObject({ valid: true, totalMinutes: 180, reversedMinutes: 180 })
    expect(check.notice).toBe('注意：这份证明开具后，其中3小时的时长已被撤销审核，证明上的累计时长不再全部有效。')
    // Approved again later: those hours were still reversed after this certificate was printed.
    cloud.clock.advance(60_000)
    ok(await approve([att(p)]))
    expect(ok(await verify(printed.serial)).reversedMinutes).toBe(180)
  })
})
