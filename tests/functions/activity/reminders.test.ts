import { clearLocalOutbox, localOutbox } from '../../../cloudfunctions/_core/platform'
import { enroll, MIN, participation, putActivity } from '../../fixtures/activities'
import { errCode, ok, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 10 })
})
afterAll(() => cloud.close())
beforeEach(() => {
  cloud.clock.set(TEST_NOW)
  clearLocalOutbox()
})

const remind = () => cloud.timer('activity', 'sendReminders')

describe('sendReminders (timer)', () => {
  it('reminds each subscribed sign-up once, about an hour before the start', async () => {
    const soon = putActivity(cloud, { startAt: TEST_NOW + 50 * MIN, endAt: TEST_NOW + 170 * MIN })
    enroll(cloud, soon, 'dev-youth', { subscribed: true })
    enroll(cloud, soon, 'seed-youth-0001', { subscribed: false })
    enroll(cloud, soon, 'seed-youth-0002', { subscribed: true, status: 'waitlisted', waitTicket: 1 })
    enroll(cloud, soon, 'seed-youth-0003', { subscribed: true, status: 'cancelled' })
    const later = putActivity(cloud, { startAt: TEST_NOW + 120 * MIN, endAt: TEST_NOW + 240 * MIN })
    enroll(cloud, later, 'seed-youth-0004', { subscribed: true })
    const cancelled = putActivity(cloud, { startAt: TEST_NOW + 30 * MIN, endAt: TEST_NOW + 90 * MIN, status: 'cancelled' })
    enroll(cloud, cancelled, 'seed-youth-0005', { subscribed: true })

    expect(ok(await remind())).toEqual({ activities: 1, sent: 1 })
    expect(localOutbox).toEqual([expect.objectContaining({ openid: 'dev-youth', template: 'activity_reminder', page: `pages/activity/index?id=${soon._id}`, at: TEST_NOW })])
    expect(participation(cloud, soon, 'dev-youth')?.remindedAt).toBe(TEST_NOW)

    // The next run (ten minutes later) sends nothing new; the later activity comes due in its turn.
    cloud.clock.advance(10 * MIN)
    expect(ok(await remind())).toEqual({ activities: 1, sent: 0 })
    cloud.clock.advance(60 * MIN)
    expect(ok(await remind())).toMatchObject({ sent: 1 })
    expect(localOutbox.map((m) => m.openid)).toEqual(['dev-youth', 'seed-youth-0004'])
  })

  it('sends once even when two timer runs overlap', async () => {
    const a = putActivity(cloud, { startAt: TEST_NOW + 40 * MIN, endAt: TEST_NOW + 100 * MIN })
    for (const who of ['seed-youth-0006', 'seed-youth-0007', 'seed-youth-0008']) enroll(cloud, a, who, { subscribed: true })
    const runs = await Promise.all([remind(), remind(), remind()])
    expect(runs.reduce((n, r) => n + (ok(r) as { sent: number }).sent, 0)).toBe(3)
    expect(localOutbox).toHaveLength(3)
  })

  it('cannot be run by a user', async () => {
    expect(errCode(await cloud.as('dev-admin').activity.sendReminders({}))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as(null).activity.sendReminders({}))).toBe('AUTH.FORBIDDEN')
  })
})
