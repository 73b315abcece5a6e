import { userIdFor } from '../../cloudfunctions/_core/profile'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'
import type { PostDoc } from '../../cloudfunctions/_core/station'
import type { VenueDoc } from '../../cloudfunctions/_core/venue/venue.rules'
import type { ActivityDoc, ParticipationDoc } from '../../cloudfunctions/_core/activity/activity.rules'
import { DEV_COMMITTEE, DEV_STATION } from '../../local/seed/stations'
import { testCloud, type TestCloud } from '../fixtures/test-cloud'

/** The seed's 联络站 and 青年之家 (local/seed/stations.ts), shaped like the newsletter's figures. */

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 300, activities: true })
})
afterAll(() => cloud.close())

const venues = () => cloud.docs(COLLECTIONS.venues) as VenueDoc[]
const posts = () => cloud.docs(COLLECTIONS.stationPosts) as PostDoc[]

describe('seed: stations and youth homes', () => {
  it('holds 榆次’s 1 + 4 + 19 stations in one tree, each themed station under an area station', () => {
    const stations = venues().filter((v) => v.kind === 'station')
    const byLevel = (l: string) => stations.filter((s) => s.level === l)
    expect([byLevel('main').length, byLevel('area').length, byLevel('station').length]).toEqual([1, 4, 19])
    const main = byLevel('main')[0]
    expect(main.parentId).toBeNull()
    for (const a of byLevel('area')) expect(a).toMatchObject({ parentId: main._id, path: [main._id], depth: 1 })
    const areas = new Set(byLevel('area').map((a) => a._id))
    for (const s of byLevel('station')) {
      expect(areas.has(s.parentId!)).toBe(true)
      expect(s.path).toEqual([main._id, s.parentId])
      expect(s.theme).toMatch(/之站$/)
    }
    expect(new Set(byLevel('station').map((s) => s.theme)).size).toBe(19)
    // The door code `<id>.<step>.<mac>` fits a mini-program code's 32-character scene.
    for (const s of stations) {
      expect(s._id.length).toBeLessThanOrEqual(13)
      expect(s.doorSecret).toMatch(/^[0-9a-f]{64}$/)
      expect(s.underOrgs[0]).toBe('yuci')
    }
  })

  it('has 阳城’s 28 youth homes, 12 of them funded 品牌店: one flagship at 60,000, three at 20,000, eight at 10,000', () => {
    const homes = venues().filter((v) => v.kind === 'youth_home' && v.underOrgs[0] === 'yc')
    expect(homes).toHaveLength(28)
    const funded = homes.filter((h) => h.tier)
    expect(funded).toHaveLength(12)
    const yuan = (tier: string) => funded.filter((h) => h.tier === tier).map((h) => h.funding!.reduce((n, f) => n + f.yuan, 0))
    expect(yuan('flagship')).toEqual([60000])
    expect(yuan('demonstration')).toEqual([20000, 20000, 20000])
    expect(yuan('standard')).toEqual(Array(8).fill(10000))
    // 榆次's youth homes share a station's room.
    const shared = venues().filter((v) => v.kind === 'youth_home' && v.stationId)
    expect(shared.length).toBeGreaterThan(0)
    for (const h of shared) expect(venues().find((v) => v._id === h.stationId)?.kind).toBe('station')
  })

  it('posts representatives and committee members with terms, each with the role the post grants', () => {
    const all = posts()
    const roles = cloud.docs(COLLECTIONS.roles) as { openid: string; role: string; venueId?: string; orgId: string }[]
    expect(all.filter((p) => p.post === 'representative').length).toBeGreaterThanOrEqual(19)
    for (const p of all) {
      const venue = venues().find((v) => v._id === p.venueId)!
      expect(venue.kind).toBe('station')
      expect(p.underOrgs).toEqual(venue.underOrgs)
      expect(p.termStart < p.termEnd).toBe(true)
      const role = roles.find((r) => r.openid === p.openid && r.role === p.post && (p.post === 'representative' ? r.venueId === p.venueId : !r.venueId))
      expect(role?.orgId).toBe(venue.orgId)
    }
    const committee = userIdFor(cloud.secrets, DEV_COMMITTEE)
    expect(all.find((p) => p.userId === committee)).toMatchObject({ post: 'committee', venueId: DEV_STATION })
  })

  it('links each committee member to representatives and each representative to youth (两联, 1 + 5 + 10)', () => {
    const links = cloud.docs(COLLECTIONS.stationLinks) as { kind: string; fromUserId: string; toUserId: string }[]
    const committee = userIdFor(cloud.secrets, DEV_COMMITTEE)
    const reps = new Set(posts().filter((p) => p.post === 'representative').map((p) => p.userId))
    const mine = links.filter((l) => l.kind === 'committee_rep' && l.fromUserId === committee)
    expect(mine).toHaveLength(5)
    for (const l of mine) expect(reps.has(l.toUserId)).toBe(true)
    const rep = userIdFor(cloud.secrets, 'dev-rep')
    expect(links.filter((l) => l.kind === 'rep_youth' && l.fromUserId === rep)).toHaveLength(10)
  })

  it('holds thirty finished station activities with duty types, hosts and check-ins, and two this week at 书香之站', () => {
    const acts = (cloud.docs(COLLECTIONS.activities) as ActivityDoc[]).filter((a) => a.kind === 'station' && a.venueId)
    const now = cloud.clock.now()
    const finished = acts.filter((a) => a.endAt < now)
    expect(finished).toHaveLength(30)
    for (const a of acts) expect(['talk', 'survey', 'service', 'forum']).toContain(a.dutyType)
    const parts = cloud.docs(COLLECTIONS.participations) as ParticipationDoc[]
    for (const a of finished) expect(parts.filter((p) => p.activityId === a._id && p.checkIn).length).toBeGreaterThan(0)
    const week = acts.filter((a) => a.venueId === DEV_STATION && a.startAt > now && a.startAt < now + 7 * 86400_000)
    expect(week).toHaveLength(2)
    // 刘洋 hosted a talk and a service at 书香之站 this year and still owes a survey.
    const committee = userIdFor(cloud.secrets, DEV_COMMITTEE)
    const hosted = finished.filter((a) => a.hosts?.includes(committee)).map((a) => a.dutyType).sort()
    expect(hosted).toEqual(['service', 'talk'])
  })
})
