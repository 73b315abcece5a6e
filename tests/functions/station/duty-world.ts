import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import type { PostDoc } from '../../../cloudfunctions/_core/station/post.rules'
import type { VisitDoc } from '../../../cloudfunctions/_core/station/visit.rules'
import type { VenueDoc } from '../../../cloudfunctions/_core/venue/venue.rules'
import { TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/**
 * Stations, youth homes, posts and visits for the duty and station-activity tests, written straight
 * into the store as the venue and people actions store them, so these tests stand on their own.
 */

let seq = 0
const next = (prefix: string) => `${prefix}${(++seq).toString(36).padStart(3, '0')}`

function chainOf(cloud: TestCloud, orgId: string): string[] {
  const org = cloud.emulator.store.get(COLLECTIONS.orgs, orgId) as { path: string[] } | null
  if (!org) throw new Error(`no org ${orgId} in the seed`)
  return [...org.path, orgId]
}

/** An open station (or youth home) of an org. */
export function putVenue(cloud: TestCloud, orgId: string, over: Partial<VenueDoc> = {}): VenueDoc {
  const kind = over.kind ?? 'station'
  const doc: VenueDoc = {
    _id: next(kind === 'station' ? 'st' : 'yh'),
    name: kind === 'station' ? `联络站${seq}` : `青年之家${seq}`,
    address: '锦纶街道1号',
    lat: 37.69,
    lng: 112.72,
    hours: '周一至周五 9:00–17:00',
    kind,
    orgId,
    underOrgs: chainOf(cloud, orgId),
    status: 'open',
    description: '',
    ...(kind === 'station' ? { level: 'station' as const, theme: '书香之站', parentId: null, path: [], depth: 0 } : { tier: null, funding: [], stationId: null }),
    createdBy: 'dev-yuci-admin',
    createdAt: TEST_NOW - 30 * 86400_000,
    updatedAt: TEST_NOW - 30 * 86400_000,
    ...over,
  }
  cloud.emulator.store.upsert(COLLECTIONS.venues, { ...doc })
  return doc
}

/** A post at a venue for a seeded person (their profile's name), a term covering 2026 unless told. */
export function putPost(cloud: TestCloud, venue: VenueDoc, openid: string, over: Partial<PostDoc> = {}): PostDoc {
  const userId = userIdFor(cloud.secrets, openid)
  const profile = cloud.emulator.store.get(COLLECTIONS.profiles, userId) as { realName: string } | null
  const termStart = over.termStart ?? '2026-01-01'
  const doc: PostDoc = {
    _id: `${venue._id}_${userId}_${termStart.replace(/-/g, '')}`,
    userId,
    openid,
    name: profile?.realName ?? '未登记',
    post: 'representative',
    venueId: venue._id,
    orgId: venue.orgId,
    underOrgs: venue.underOrgs,
    team: '',
    termStart,
    termEnd: '2028-12-31',
    endedAt: null,
    createdBy: 'dev-yuci-admin',
    createdAt: TEST_NOW - 300 * 86400_000,
    updatedAt: TEST_NOW - 300 * 86400_000,
    ...over,
  }
  cloud.emulator.store.upsert(COLLECTIONS.stationPosts, { ...doc })
  return doc
}

/** A visit at a venue: ended after `minutes`, or still going (minutes null). */
export function putVisit(cloud: TestCloud, venue: VenueDoc, openid: string, startedAt: number, minutes: number | null): VisitDoc {
  const doc: VisitDoc = {
    _id: next('vi'),
    venueId: venue._id,
    underOrgs: venue.underOrgs,
    userId: userIdFor(cloud.secrets, openid),
    openid,
    name: '来访者',
    post: 'representative',
    startedAt,
    endedAt: minutes === null ? null : startedAt + minutes * 60_000,
    minutes,
    autoEnded: false,
    step: 1,
  }
  cloud.emulator.store.upsert(COLLECTIONS.stationVisits, { ...doc })
  return doc
}
