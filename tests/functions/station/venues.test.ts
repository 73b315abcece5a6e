import { randomUUID } from 'node:crypto'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import { errCode, ok, snapshot, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/**
 * Stations and youth homes through the real SDK (types/contract/station.ts): the tree's level rules,
 * scope on both sides of a parent, moves and cycles, one create per request key, the door secret kept
 * out of every answer, the map's distance order and week, and the figures counted against records
 * made here.
 */

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 5 })
})
afterAll(() => cloud.close())

const HOUR = 3_600_000
const YUCI = { lat: 37.6974, lng: 112.7251 }

const stationInput = (over: Record<string, unknown> = {}) => ({
  requestId: randomUUID(),
  orgId: 'yuci',
  name: '榆次区团代表联络站',
  address: '榆次区迎宾街青年服务中心二层',
  lat: YUCI.lat,
  lng: YUCI.lng,
  hours: '周一至周五 9:00–17:00',
  level: 'main',
  parentId: null,
  ...over,
})

const homeInput = (over: Record<string, unknown> = {}) => ({
  requestId: randomUUID(),
  orgId: 'yc-rc',
  name: '润城镇青年之家',
  address: '阳城县润城镇中街 8 号',
  lat: 35.4579,
  lng: 112.5287,
  hours: '周一至周日 9:00–21:00',
  tier: 'standard',
  funding: [{ year: 2026, yuan: 10000, note: '品牌店建设' }],
  ...over,
})

const save = async (over: Record<string, unknown> = {}, who = 'dev-yuci-admin') => ok(await cloud.as(who).station.saveStation(stationInput(over))).venue

describe('saveStation', () => {
  it('builds 总站 → 分站 → 站 with their places and one audit entry each', async () => {
    const main = await save()
    const area = await save({ name: '城区分站', level: 'area', parentId: main.id, orgId: 'yuci-jl' })
    const st = await save({ name: '书香之站', level: 'station', parentId: area.id, orgId: 'yuci-jl', theme: '书香之站' })
    expect(main.id.length).toBeLessThanOrEqual(13)
    expect(st).toMatchObject({ kind: 'station', level: 'station', parentId: area.id, depth: 2, theme: '书香之站', orgName: expect.any(String), tier: null, funding: [] })
    expect(cloud.emulator.store.get('venues', st.id)).toMatchObject({ path: [main.id, area.id], underOrgs: ['yuci', 'yuci-jl'] })
    expect(cloud.docs('audit_logs', { 'target.id': st.id })).toHaveLength(1)
  })

  it('gives a new station a secret that no answer, audit entry or log carries', async () => {
    const main = await save({ name: '秘密测试总站' })
    const secret = (cloud.emulator.store.get('venues', main.id) as { doorSecret: string }).doorSecret
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const answers = [
      main,
      ok(await cloud.as('dev-yuci-admin').station.listStations({ orgId: 'yuci' })),
      ok(await cloud.as('dev-youth').station.nearbyVenues({})),
      ok(await cloud.as('dev-youth').station.getStation({ venueId: main.id })),
    ]
    expect(JSON.stringify(answers)).not.toContain(secret)
    expect(JSON.stringify(cloud.docs('audit_logs'))).not.toContain(secret)
    expect(JSON.stringify(cloud.logs)).not.toContain(secret)
  })

  it('answers a retry with the first station, and 20 at once make one', async () => {
    const input = stationInput({ name: '重试总站' })
    const answers = await Promise.all(Array.from({ length: 20 }, () => cloud.as('dev-yuci-admin').station.saveStation(input)))
    expect(new Set(answers.map((a) => ok(a).venue.id)).size).toBe(1)
    expect(cloud.docs('venues', { name: '重试总站' })).toHaveLength(1)
    expect(cloud.docs('audit_logs', { 'target.id': ok(answers[0]).venue.id })).toHaveLength(1)
    const before = snapshot(cloud)
    expect(ok(await cloud.as('dev-yuci-admin').station.saveStation(input)).venue.id).toBe(ok(answers[0]).venue.id)
    expect(snapshot(cloud)).toBe(before)
    expect(errCode(await cloud.as('dev-yuci-admin').station.saveStation({ ...input, name: '另一个总站' }))).toBe('GENERIC.DUPLICATE_REQUEST')
  })

  it.each([
    ['an area with no parent', (_m: string, _a: string, _s: string) => ({ level: 'area', parentId: null })],
    ['a main under a main', (m: string) => ({ level: 'main', parentId: m })],
    ['an area under an area', (_m: string, a: string) => ({ level: 'area', parentId: a })],
    ['a station under a station', (_m: string, _a: string, s: string) => ({ level: 'station', parentId: s })],
  ])('refuses %s (STATION.BAD_PARENT) and leaves no trace', async (_l, over) => {
    const m = await save({ name: '层级总站' })
    const a = await save({ name: '层级分站', level: 'area', parentId: m.id })
    const s = await save({ name: '层级站', level: 'station', parentId: a.id })
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-yuci-admin').station.saveStation(stationInput(over(m.id, a.id, s.id))))).toBe('STATION.BAD_PARENT')
    expect(snapshot(cloud)).toBe(before)
  })

  it('refuses a parent of another county, a youth home as parent, and one out of the caller’s scope', async () => {
    const yuciMain = await save({ name: '榆次总站' })
    const ycMain = await save({ orgId: 'yc', name: '阳城总站', lat: 35.48, lng: 112.41 }, 'dev-admin')
    // A caller over both counties still may not cross them.
    cloud.emulator.store.upsert('roles', { _id: 'r-both', openid: 'dev-both', userId: null, role: 'admin', orgId: 'yc', via: 'grant', grantedBy: null, grantedAt: TEST_NOW })
    cloud.emulator.store.upsert('roles', { _id: 'r-both2', openid: 'dev-both', userId: null, role: 'admin', orgId: 'yuci', via: 'grant', grantedBy: null, grantedAt: TEST_NOW })
    expect(errCode(await cloud.as('dev-both').station.saveStation(stationInput({ level: 'area', parentId: ycMain.id })))).toBe('STATION.BAD_PARENT')
    const home = ok(await cloud.as('dev-yuci-admin').station.saveYouthHome(homeInput({ orgId: 'yuci', lat: YUCI.lat, lng: YUCI.lng, stationId: null }))).venue
    expect(errCode(await cloud.as('dev-yuci-admin').station.saveStation(stationInput({ level: 'station', parentId: home.id })))).toBe('STATION.BAD_PARENT')
    // 润城镇's cadre may not hang a station under the county's main station.
    expect(errCode(await cloud.as('dev-cadre').station.saveStation(stationInput({ orgId: 'yc-rc', level: 'station', parentId: ycMain.id, lat: 35.45, lng: 112.52 })))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-admin').station.saveStation(stationInput({ orgId: 'yc', level: 'area', parentId: yuciMain.id })))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-yuci-admin').station.saveStation(stationInput({ level: 'area', parentId: 'no-such' })))).toBe('STATION.NOT_FOUND')
  })

  it('moves a station with its branch, and refuses a move under its own branch (STATION.CYCLE)', async () => {
    const m1 = await save({ name: '甲总站' })
    const m2 = await save({ name: '乙总站' })
    const a = await save({ name: '甲分站', level: 'area', parentId: m1.id })
    const s = await save({ name: '甲一站', level: 'station', parentId: a.id })
    const moved = ok(await cloud.as('dev-yuci-admin').station.saveStation(stationInput({ venueId: a.id, name: '乙分站', level: 'area', parentId: m2.id }))).venue
    expect(moved).toMatchObject({ name: '乙分站', parentId: m2.id, depth: 1 })
    expect(cloud.emulator.store.get('venues', s.id)).toMatchObject({ path: [m2.id, a.id], depth: 2 })
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-yuci-admin').station.saveStation(stationInput({ venueId: m2.id, name: '乙总站', level: 'station', parentId: a.id })))).toBe('STATION.CYCLE')
    expect(errCode(await cloud.as('dev-yuci-admin').station.saveStation(stationInput({ venueId: a.id, name: '乙分站', level: 'station', parentId: m2.id })))).toBe('STATION.BAD_PARENT')
    expect(snapshot(cloud)).toBe(before)
  })

  it('lets a township cadre edit its station under the county’s main one without moving it', async () => {
    const ycMain = await save({ orgId: 'yc', name: '阳城县总站', lat: 35.48, lng: 112.41 }, 'dev-admin')
    const st = await save({ orgId: 'yc-rc', name: '润城镇红色之站', level: 'station', parentId: ycMain.id, theme: '红色之站', lat: 35.45, lng: 112.52 }, 'dev-admin')
    const edited = ok(await cloud.as('dev-cadre').station.saveStation(stationInput({ venueId: st.id, orgId: 'yc-rc', name: '润城镇书香之站', level: 'station', parentId: ycMain.id, theme: '书香之站', lat: 35.45, lng: 112.52 }))).venue
    expect(edited).toMatchObject({ name: '润城镇书香之站', theme: '书香之站', parentId: ycMain.id, depth: 1 })
    expect(cloud.docs('audit_logs', { 'target.id': st.id })).toHaveLength(2)
    // A new parent is chosen anew: one outside the cadre's scope is refused.
    const other = await save({ orgId: 'yc', name: '阳城县另一总站', lat: 35.48, lng: 112.41 }, 'dev-admin')
    expect(errCode(await cloud.as('dev-cadre').station.saveStation(stationInput({ venueId: st.id, orgId: 'yc-rc', name: '润城镇书香之站', level: 'station', parentId: other.id, lat: 35.45, lng: 112.52 })))).toBe('AUTH.FORBIDDEN')
  })

  it('keeps org and kind on edit, and a 阳城 cadre cannot edit 榆次’s station', async () => {
    const m = await save({ name: '固定总站' })
    expect(errCode(await cloud.as('dev-yuci-admin').station.saveStation(stationInput({ venueId: m.id, orgId: 'yuci-jl' })))).toBe('VENUE.ORG_FIXED')
    const home = ok(await cloud.as('dev-yuci-admin').station.saveYouthHome(homeInput({ orgId: 'yuci', lat: YUCI.lat, lng: YUCI.lng }))).venue
    expect(errCode(await cloud.as('dev-yuci-admin').station.saveStation(stationInput({ venueId: home.id })))).toBe('VENUE.KIND_FIXED')
    expect(errCode(await cloud.as('dev-admin').station.saveStation(stationInput({ venueId: m.id, name: '改名' })))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-youth').station.saveStation(stationInput()))).toBe('AUTH.FORBIDDEN')
  })

  it.each([
    ['latitude 91', { lat: 91 }],
    ['a point outside China', { lat: 0, lng: 0 }],
    ['an unknown level', { level: 'tower' }],
    ['an operator for the parent', { parentId: { $ne: null } }],
    ['a doorSecret sent by the phone', { doorSecret: 'x' }],
    ['a name of 31 characters', { name: '站'.repeat(31) }],
  ])('refuses %s and leaves no trace', async (_l, over) => {
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-yuci-admin').station.saveStation(stationInput(over)))).toBe('GENERIC.BAD_INPUT')
    expect(snapshot(cloud)).toBe(before)
  })
})

describe('saveYouthHome', () => {
  it('saves tier, funding by year and the station of its county sharing the room', async () => {
    const ycMain = await save({ orgId: 'yc', name: '阳城县团代表联络站', lat: 35.48, lng: 112.41 }, 'dev-admin')
    const home = ok(await cloud.as('dev-cadre').station.saveYouthHome(homeInput({ stationId: ycMain.id, funding: [{ year: 2026, yuan: 10000 }, { year: 2025, yuan: 5000 }] }))).venue
    expect(home).toMatchObject({ kind: 'youth_home', tier: 'standard', stationId: ycMain.id, stationName: '阳城县团代表联络站', level: null, parentId: null })
    expect(home.funding.map((f) => f.year)).toEqual([2025, 2026])
    expect(cloud.emulator.store.get('venues', home.id)).not.toHaveProperty('doorSecret')
  })

  it('refuses a foreign station, a non-station, repeated years, and another county’s caller', async () => {
    const yuciMain = await save({ name: '外县总站' })
    const other = ok(await cloud.as('dev-cadre').station.saveYouthHome(homeInput({ name: '另一个青年之家' }))).venue
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-cadre').station.saveYouthHome(homeInput({ stationId: yuciMain.id })))).toBe('VENUE.NOT_IN_ORG')
    expect(errCode(await cloud.as('dev-cadre').station.saveYouthHome(homeInput({ stationId: other.id })))).toBe('STATION.NOT_STATION')
    expect(errCode(await cloud.as('dev-cadre').station.saveYouthHome(homeInput({ funding: [{ year: 2026, yuan: 1 }, { year: 2026, yuan: 2 }] })))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await cloud.as('dev-yuci-admin').station.saveYouthHome(homeInput()))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-yuci-admin').station.saveYouthHome(homeInput({ venueId: other.id })))).toBe('AUTH.FORBIDDEN')
    expect(snapshot(cloud)).toBe(before)
  })
})

describe('listing, the map and the station page', () => {
  const activity = (id: string, venueId: string, startAt: number, over: Record<string, unknown> = {}) =>
    cloud.emulator.store.upsert('activities', {
      _id: id, orgId: 'yc', kind: 'station', title: `活动${id}`, description: '', place: { name: '站内', lat: 35.48, lng: 112.41, radius: 200 },
      startAt, endAt: startAt + 2 * HOUR, signUpStartAt: startAt - 10 * 24 * HOUR, signUpEndAt: startAt, checkInOpensBefore: 0, checkOutClosesAfter: 0,
      capacity: 30, waitlist: false, realNameRequired: false, walkIn: true, checkInModes: ['qr'], minAttendancePercent: 60, pointsPerHour: 1,
      audience: { type: 'all' }, venueId, dutyType: 'talk', hosts: [], status: 'published', cancelReason: null, secret: 's', signed: 0, waitlisted: 0,
      seats: {}, queue: {}, createdBy: 'dev-admin', createdAt: TEST_NOW, updatedAt: TEST_NOW, publishedAt: TEST_NOW, ...over,
    })

  it('lists an org’s stations in tree order, for its cadres only', async () => {
    const { stations } = ok(await cloud.as('dev-yuci-admin').station.listStations({ orgId: 'yuci' }))
    const pos = new Map(stations.map((s, i) => [s.id, i]))
    for (const s of stations) if (s.parentId && pos.has(s.parentId)) expect(pos.get(s.parentId)!).toBeLessThan(pos.get(s.id)!)
    expect(errCode(await cloud.as('dev-admin').station.listStations({ orgId: 'yuci' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-youth').station.listStations({ orgId: 'yc' }))).toBe('AUTH.FORBIDDEN')
  })

  it('orders the map by distance and shows only this week’s published activities', async () => {
    const near = await save({ orgId: 'yc', name: '近处总站', lat: 35.4580, lng: 112.5288 }, 'dev-admin')
    const far = await save({ orgId: 'yc', name: '远处总站', lat: 35.60, lng: 112.70 }, 'dev-admin')
    activity('w-in', near.id, TEST_NOW + 2 * HOUR)
    activity('w-edge', near.id, TEST_NOW + 7 * 24 * HOUR)
    activity('w-past', near.id, TEST_NOW - 3 * HOUR)
    activity('w-draft', near.id, TEST_NOW + 3 * HOUR, { status: 'draft' })
    const { venues } = ok(await cloud.as('dev-youth').station.nearbyVenues({ lat: 35.4579, lng: 112.5287, kind: 'station' }))
    const ids = venues.map((v) => v.id)
    expect(ids.indexOf(near.id)).toBeLessThan(ids.indexOf(far.id))
    const distances = venues.map((v) => v.distance!)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    expect(venues.every((v) => v.kind === 'station')).toBe(true)
    expect(venues.find((v) => v.id === near.id)!.thisWeek.map((a) => a.id)).toEqual(['w-in'])
    expect(errCode(await cloud.as('dev-youth').station.nearbyVenues({ lat: 35.45 }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await cloud.as(null).station.nearbyVenues({}))).toBe('AUTH.UNAUTHENTICATED')
  })

  it('shows the people posted now, who is in, and whether the caller is posted or manages', async () => {
    const st = await save({ orgId: 'yc', name: '人员总站', lat: 35.48, lng: 112.41 }, 'dev-admin')
    const youth = userIdFor(cloud.secrets, 'dev-youth')
    const post = (id: string, userId: string, name: string, termEnd: string) =>
      cloud.emulator.store.upsert('station_posts', { _id: id, userId, openid: 'x', name, post: 'representative', venueId: st.id, orgId: 'yc', underOrgs: ['yc'], team: '青年发展', termStart: '2026-01-01', termEnd, endedAt: null, createdBy: 'dev-admin', createdAt: TEST_NOW, updatedAt: TEST_NOW })
    post('p1', youth, '王晓青', '2027-12-31')
    post('p2', 'u-old', '老代表', '2026-06-30')
    post('p3', 'u-in', '在站代表', '2027-12-31')
    cloud.emulator.store.upsert('station_visits', { _id: 'v1', venueId: st.id, underOrgs: ['yc'], userId: 'u-in', openid: 'y', name: '在站代表', post: 'representative', startedAt: TEST_NOW - HOUR, endedAt: null, minutes: null, autoEnded: false, step: 1 })
    activity('g-up', st.id, TEST_NOW + HOUR)
    const page = ok(await cloud.as('dev-youth').station.getStation({ venueId: st.id }))
    expect(page.people.map((p) => [p.name, p.onDuty])).toEqual(expect.arrayContaining([['王晓青', false], ['在站代表', true]]))
    expect(page.people.map((p) => p.name)).not.toContain('老代表')
    expect(page).toMatchObject({ posted: true, manages: false })
    expect(page.activities.map((a) => a.id)).toEqual(['g-up'])
    expect(ok(await cloud.as('dev-admin').station.getStation({ venueId: st.id }))).toMatchObject({ posted: false, manages: true })
    expect(errCode(await cloud.as('dev-youth').station.getStation({ venueId: 'nope' }))).toBe('STATION.NOT_FOUND')
  })
})

describe('stationFigures', () => {
  it('counts held activities, check-ins and distinct youth by month, and visits', async () => {
    const st = await save({ orgId: 'yc', name: '统计总站', lat: 35.48, lng: 112.41 }, 'dev-admin')
    const oct = Date.parse('2026-10-10T09:00:00+08:00')
    const nov = Date.parse('2026-11-20T09:00:00+08:00')
    const base = { orgId: 'yc', kind: 'station', title: 't', description: '', place: { name: 'p', lat: 35.48, lng: 112.41, radius: 200 }, signUpStartAt: 0, signUpEndAt: 0, checkInOpensBefore: 0, checkOutClosesAfter: 0, capacity: 9, waitlist: false, realNameRequired: false, walkIn: true, checkInModes: ['qr'], minAttendancePercent: 60, pointsPerHour: 1, audience: { type: 'all' }, venueId: st.id, status: 'published', cancelReason: null, secret: 's', signed: 0, waitlisted: 0, createdBy: 'x', createdAt: 0, updatedAt: 0, publishedAt: 0 }
    cloud.emulator.store.upsert('activities', { ...base, _id: 'f-oct', startAt: oct, endAt: oct + HOUR })
    cloud.emulator.store.upsert('activities', { ...base, _id: 'f-nov', startAt: nov, endAt: nov + HOUR })
    cloud.emulator.store.upsert('activities', { ...base, _id: 'f-soon', startAt: TEST_NOW + HOUR, endAt: TEST_NOW + 2 * HOUR })
    cloud.emulator.store.upsert('activities', { ...base, _id: 'f-cancel', startAt: nov, endAt: nov + HOUR, status: 'cancelled' })
    const part = (id: string, activityId: string, userId: string, checked: boolean) =>
      cloud.emulator.store.upsert('participations', { _id: id, activityId, orgId: 'yc', openid: id, userId, userName: 'n', status: 'signed', checkIn: checked ? { method: 'qr', at: 1 } : null, checkOut: null })
    part('q1', 'f-oct', 'u1', true)
    part('q2', 'f-oct', 'u2', true)
    part('q3', 'f-nov', 'u1', true)
    part('q4', 'f-nov', 'u3', false)
    part('q5', 'f-cancel', 'u4', true)
    cloud.emulator.store.upsert('station_visits', { _id: 'fv1', venueId: st.id, underOrgs: ['yc'], userId: 'r', openid: 'r', name: 'r', post: 'representative', startedAt: nov, endedAt: nov + HOUR, minutes: 60, autoEnded: false, step: 1 })
    const f = ok(await cloud.as('dev-admin').station.stationFigures({ venueId: st.id, year: 2026 }))
    expect(f.months).toHaveLength(12)
    expect(f.months[9]).toEqual({ month: '2026-10', activities: 1, attendances: 2, youth: 2, visits: 0 })
    expect(f.months[10]).toEqual({ month: '2026-11', activities: 1, attendances: 1, youth: 1, visits: 1 })
    expect(f.year).toMatchObject({ activities: 2, attendances: 3, youth: 2, visits: 1 })
    expect(errCode(await cloud.as('dev-yuci-admin').station.stationFigures({ venueId: st.id, year: 2026 }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-youth').station.stationFigures({ venueId: st.id, year: 2026 }))).toBe('AUTH.FORBIDDEN')
  })
})
