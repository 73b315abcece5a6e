import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { createActivityInput } from '../../fixtures/activities'
import { errCode, ok, snapshot, testCloud, type TestCloud } from '../../fixtures/test-cloud'
import { putVenue } from './duty-world'

/**
 * Station activities: a 联络站活动 is held at a station the cadre may use and counts as a duty type; a
 * 青年之家活动 at a youth home; other kinds have no duty type. Hosts are registered people, stored
 * once each. Every refusal leaves no activity behind. 郭书记 (dev-yuci-admin) is admin of 榆次 (yuci).
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 5 })
})
afterAll(() => cloud.close())

const admin = () => cloud.as('dev-yuci-admin').activity
const input = (over: Record<string, unknown>) => createActivityInput({ orgId: 'yuci-jl', place: { name: '锦纶街道联络站', lat: 37.69, lng: 112.72 }, ...over })
const noTrace = () => snapshot(cloud, [COLLECTIONS.activities, COLLECTIONS.auditLogs])

describe('createActivity: venue, duty type and hosts', () => {
  it('stores a station activity with its station, duty type and hosts (each once)', async () => {
    const station = putVenue(cloud, 'yuci-jl')
    const rep = userIdFor(cloud.secrets, 'dev-rep')
    const youth = userIdFor(cloud.secrets, 'seed-youth-0001')
    const { activity } = ok(await admin().createActivity(input({ kind: 'station', venueId: station._id, dutyType: 'talk', hosts: [rep, youth, rep] })))
    expect(activity).toMatchObject({ kind: 'station', venueId: station._id, dutyType: 'talk' })
    expect(cloud.emulator.store.get(COLLECTIONS.activities, activity.id)).toMatchObject({ venueId: station._id, dutyType: 'talk', hosts: [rep, youth] })
  })

  it('lets a township hold a station activity at the county’s station, and a youth-home activity go without a duty type', async () => {
    const county = putVenue(cloud, 'yuci')
    const home = putVenue(cloud, 'yuci-jl', { kind: 'youth_home' })
    ok(await admin().createActivity(input({ kind: 'station', venueId: county._id, dutyType: 'survey' })))
    const { activity } = ok(await admin().createActivity(input({ kind: 'youth_home', venueId: home._id })))
    expect(activity).toMatchObject({ venueId: home._id, dutyType: null })
  })

  it.each([
    ['a station activity without a station', () => ({ kind: 'station', dutyType: 'talk' }), 'STATION.ACTIVITY_NEEDS_VENUE'],
    ['a station activity without a duty type', () => ({ kind: 'station', venueId: putVenue(cloud, 'yuci-jl')._id }), 'STATION.ACTIVITY_NEEDS_VENUE'],
    ['a station activity at a youth home', () => ({ kind: 'station', dutyType: 'talk', venueId: putVenue(cloud, 'yuci-jl', { kind: 'youth_home' })._id }), 'STATION.NOT_STATION'],
    ['a youth-home activity without a venue', () => ({ kind: 'youth_home' }), 'STATION.ACTIVITY_NEEDS_VENUE'],
    ['a youth-home activity at a station', () => ({ kind: 'youth_home', venueId: putVenue(cloud, 'yuci-jl')._id }), 'STATION.NOT_YOUTH_HOME'],
    ['a volunteer activity with a duty type', () => ({ kind: 'volunteer', dutyType: 'service' }), 'GENERIC.BAD_INPUT'],
    ['a venue that is no station or youth home', () => ({ kind: 'station', dutyType: 'talk', venueId: putVenue(cloud, 'yuci-jl', { kind: 'pickup' })._id }), 'STATION.NOT_FOUND'],
    ['a station that does not exist', () => ({ kind: 'station', dutyType: 'talk', venueId: 'st-none' }), 'STATION.NOT_FOUND'],
    ['a station of another county', () => ({ kind: 'station', dutyType: 'talk', venueId: putVenue(cloud, 'yc-rc')._id }), 'AUTH.FORBIDDEN'],
    ['a closed station', () => ({ kind: 'station', dutyType: 'talk', venueId: putVenue(cloud, 'yuci-jl', { status: 'closed' })._id }), 'VENUE.CLOSED'],
    ['a host who is nobody', () => ({ kind: 'station', dutyType: 'talk', venueId: putVenue(cloud, 'yuci-jl')._id, hosts: ['u_nobody'] }), 'USER.NOT_FOUND'],
  ])('refuses %s, leaving no trace', async (_name, over, code) => {
    const fields = over()
    const before = noTrace()
    expect(errCode(await admin().createActivity(input(fields)))).toBe(code)
    expect(noTrace()).toBe(before)
  })

  it('lets another kind name a station it uses, without a duty type', async () => {
    const station = putVenue(cloud, 'yuci-jl')
    const { activity } = ok(await admin().createActivity(input({ kind: 'training', venueId: station._id })))
    expect(activity).toMatchObject({ kind: 'training', venueId: station._id, dutyType: null })
  })
})

describe('updateActivity: venue, duty type and hosts', () => {
  it('checks a new venue or duty type against the activity’s kind, and stores new hosts once each', async () => {
    const station = putVenue(cloud, 'yuci-jl')
    const other = putVenue(cloud, 'yuci-jl')
    const { activity } = ok(await admin().createActivity(input({ kind: 'station', venueId: station._id, dutyType: 'talk' })))
    const update = (over: Record<string, unknown>) => admin().updateActivity({ activityId: activity.id, ...over })
    const before = noTrace()
    expect(errCode(await update({ dutyType: null }))).toBe('STATION.ACTIVITY_NEEDS_VENUE')
    expect(errCode(await update({ venueId: null }))).toBe('STATION.ACTIVITY_NEEDS_VENUE')
    expect(errCode(await update({ venueId: putVenue(cloud, 'yuci-jl', { kind: 'youth_home' })._id }))).toBe('STATION.NOT_STATION')
    expect(errCode(await update({ venueId: putVenue(cloud, 'yc')._id }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await update({ hosts: ['u_nobody'] }))).toBe('USER.NOT_FOUND')
    expect(noTrace()).toBe(before)

    const rep = userIdFor(cloud.secrets, 'dev-rep')
    ok(await update({ venueId: other._id, dutyType: 'service', hosts: [rep, rep] }))
    expect(cloud.emulator.store.get(COLLECTIONS.activities, activity.id)).toMatchObject({ venueId: other._id, dutyType: 'service', hosts: [rep] })
  })

  it('keeps a saved station that has since closed when only the title changes', async () => {
    const station = putVenue(cloud, 'yuci-jl')
    const { activity } = ok(await admin().createActivity(input({ kind: 'station', venueId: station._id, dutyType: 'forum' })))
    cloud.emulator.store.upsert(COLLECTIONS.venues, { ...station, status: 'closed' })
    ok(await admin().updateActivity({ activityId: activity.id, title: '青年座谈会（改）' }))
    ok(await admin().updateActivity({ activityId: activity.id, dutyType: 'talk' }))
    expect(cloud.emulator.store.get(COLLECTIONS.activities, activity.id)).toMatchObject({ venueId: station._id, dutyType: 'talk' })
  })
})
