import { randomUUID } from 'node:crypto'
import { errCode, ok, snapshot, testCloud, type TestCloud } from '../../fixtures/test-cloud'

/**
 * Venues through the real SDK (types/contract/venues.ts): a cadre in scope creates, edits, opens and
 * closes the pickup points of an org; a create is exactly once per request key; every change writes
 * one audit entry; bad input and out-of-scope callers leave no trace (docs/bad-inputs.md §1–11, §13, §15, §23).
 */

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 5 })
})
afterAll(() => cloud.close())

const venueInput = (over: Record<string, unknown> = {}) => ({
  requestId: randomUUID(),
  orgId: 'yc-rc',
  name: '润城镇便民服务中心',
  address: '阳城县润城镇润城村中街 18 号',
  lat: 35.4864,
  lng: 112.4066,
  hours: '周一至周五 9:00–17:00',
  kind: 'pickup',
  ...over,
})

const audits = (id: string) => cloud.docs('audit_logs', { 'target.id': id })

describe('saveVenue: create', () => {
  it('creates an open venue under the org with its path, answers the org name, and writes one audit entry', async () => {
    const { venue } = ok(await cloud.as('dev-cadre').points.saveVenue(venueInput()))
    expect(venue).toMatchObject({ name: '润城镇便民服务中心', orgId: 'yc-rc', orgName: '润城镇团委', status: 'open', kind: 'pickup', lat: 35.4864, lng: 112.4066 })
    expect(venue.createdAt).toBe(cloud.clock.now())
    const stored = cloud.emulator.store.get('venues', venue.id) as Record<string, unknown>
    expect(stored).toMatchObject({ orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'], createdBy: 'dev-cadre' })
    expect(audits(venue.id)).toEqual([expect.objectContaining({ action: 'points.saveVenue', actor: 'dev-cadre', orgId: 'yc-rc' })])
  })

  it('answers a retry with the same key with the first venue and writes nothing more', async () => {
    const input = venueInput({ name: '润城镇文化站' })
    const first = ok(await cloud.as('dev-cadre').points.saveVenue(input)).venue
    const before = snapshot(cloud)
    const again = ok(await cloud.as('dev-cadre').points.saveVenue(input)).venue
    expect(again).toEqual(first)
    expect(snapshot(cloud)).toBe(before)
  })

  it('makes one venue and one audit entry when the same key arrives 30 times at once', async () => {
    const input = venueInput({ name: '润城镇青年之家服务台' })
    const answers = await Promise.all(Array.from({ length: 30 }, () => cloud.as('dev-cadre').points.saveVenue(input)))
    const ids = new Set(answers.map((a) => ok(a).venue.id))
    expect(ids.size).toBe(1)
    const [id] = [...ids]
    expect(cloud.docs('venues', { name: '润城镇青年之家服务台' })).toHaveLength(1)
    expect(audits(id)).toHaveLength(1)
  })

  it('refuses the same key with another payload (GENERIC.DUPLICATE_REQUEST)', async () => {
    const input = venueInput({ name: '润城镇邮政所' })
    ok(await cloud.as('dev-cadre').points.saveVenue(input))
    expect(errCode(await cloud.as('dev-cadre').points.saveVenue({ ...input, name: '润城镇邮政所二楼' }))).toBe('GENERIC.DUPLICATE_REQUEST')
    expect(cloud.docs('venues', { name: '润城镇邮政所二楼' })).toHaveLength(0)
  })

  it('lets an admin create in a township below the county', async () => {
    const { venue } = ok(await cloud.as('dev-admin').points.saveVenue(venueInput({ orgId: 'yc-fc-b1', name: '东关村党群服务站' })))
    expect(venue).toMatchObject({ orgId: 'yc-fc-b1', orgName: '东关村团支部' })
    expect(cloud.emulator.store.get('venues', venue.id)).toMatchObject({ underOrgs: ['yc', 'yc-fc', 'yc-fc-b1'] })
  })

  it.each([
    ['a youth', 'dev-youth', 'yc-rc', 'AUTH.FORBIDDEN'],
    ['a cadre on a sibling township', 'dev-cadre', 'yc-fc', 'AUTH.FORBIDDEN'],
    ['a cadre on the parent county', 'dev-cadre', 'yc', 'AUTH.FORBIDDEN'],
    ['an admin of another county', 'dev-yuci-admin', 'yc-rc', 'AUTH.FORBIDDEN'],
    ['anyone on an org that does not exist', 'dev-admin', 'no-such-org', 'ORG.NOT_FOUND'],
  ])('refuses %s and leaves no trace', async (_l, who, orgId, code) => {
    const before = snapshot(cloud)
    expect(errCode(await cloud.as(who).points.saveVenue(venueInput({ orgId })))).toBe(code)
    expect(snapshot(cloud)).toBe(before)
  })

  it('refuses a caller without a WeChat identity', async () => {
    expect(errCode(await cloud.as(null).points.saveVenue(venueInput()))).toBe('AUTH.UNAUTHENTICATED')
  })

  it('does not publish a name, address or hours the content check calls risky (§23)', async () => {
    for (const field of ['name', 'address', 'hours']) {
      const before = snapshot(cloud)
      expect(errCode(await cloud.as('dev-cadre').points.saveVenue(venueInput({ [field]: '赌博场所兑换点' })))).toBe('GENERIC.CONTENT_RISKY')
      expect(snapshot(cloud)).toBe(before)
    }
  })
})

describe('saveVenue: bad input leaves no trace', () => {
  it.each([
    ['latitude 91 (§7)', { lat: 91 }],
    ['longitude 181 (§7)', { lng: 181 }],
    ['latitude NaN (§4)', { lat: NaN }],
    ['longitude Infinity (§4)', { lng: Infinity }],
    ['a latitude as a string (§4)', { lat: '35.48' }],
    ['a point outside China (lat and lng swapped)', { lat: 112.4066, lng: 35.4864 }],
    ['the Gulf of Guinea (0, 0)', { lat: 0, lng: 0 }],
    ['a name with a control character (§8)', { name: '润城\u0000服务中心' }],
    ['a name with a zero-width space (§8)', { name: '润城\u200b服务中心' }],
    ['a name with a newline (§8)', { name: '润城\n服务中心' }],
    ['a name empty after trimming (§8)', { name: '   ' }],
    ['a name over 30 characters (§5)', { name: '润'.repeat(31) }],
    ['an address of 1 MB (§5)', { address: 'x'.repeat(1 << 20) }],
    ['hours empty (§8)', { hours: '' }],
    ['an unknown kind', { kind: 'warehouse' }],
    ['an operator object for the org (§1)', { orgId: { $ne: null } }],
    ['an operator object for the venue id (§1)', { venueId: { $gt: '' } }],
    ['an org id that is not an id (§2)', { orgId: '__proto__.x' }],
    ['a status sent with the create (§3)', { status: 'closed' }],
    ['underOrgs sent with the create (§3)', { underOrgs: ['yuci'] }],
    ['a createdAt sent by the phone (§6)', { createdAt: 946684800000 }],
    ['an openid in the payload (§9)', { openid: 'dev-admin' }],
    ['a request key that is not a UUID', { requestId: 'abc' }],
  ])('refuses %s with GENERIC.BAD_INPUT', async (_l, over) => {
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-cadre').points.saveVenue(venueInput(over)))).toBe('GENERIC.BAD_INPUT')
    expect(snapshot(cloud)).toBe(before)
  })

  it('says which coordinate is wrong, in Chinese', async () => {
    const res = await cloud.as('dev-cadre').points.saveVenue(venueInput({ lat: 91 }))
    expect(res.ok).toBe(false)
    if (!res.ok) expect(JSON.stringify(res.error.issues)).toContain('纬度超出范围')
    const swapped = await cloud.as('dev-cadre').points.saveVenue(venueInput({ lat: 112.4, lng: 35.4 }))
    if (!swapped.ok) expect(JSON.stringify(swapped.error.issues)).toContain('位置不在国内')
  })
})

describe('saveVenue: edit', () => {
  let venueId: string
  beforeAll(async () => {
    venueId = ok(await cloud.as('dev-cadre').points.saveVenue(venueInput({ name: '上庄村兑换点' }))).venue.id
  })

  it('changes the fields in place, keeps the creator and the creation time, and writes one audit entry', async () => {
    cloud.clock.advance(60_000)
    const before = audits(venueId).length
    const { venue } = ok(
      await cloud.as('dev-cadre').points.saveVenue(venueInput({ venueId, name: '上庄村兑换点（村委会）', hours: '每天 8:00–20:00', lat: 35.49, lng: 112.41 })),
    )
    expect(venue).toMatchObject({ id: venueId, name: '上庄村兑换点（村委会）', hours: '每天 8:00–20:00', lat: 35.49, lng: 112.41, updatedAt: cloud.clock.now() })
    expect(venue.createdAt).toBeLessThan(venue.updatedAt)
    expect(cloud.emulator.store.get('venues', venueId)).toMatchObject({ createdBy: 'dev-cadre', status: 'open', underOrgs: ['yc', 'yc-rc'] })
    expect(audits(venueId)).toHaveLength(before + 1)
  })

  it('lets the county admin edit a township venue', async () => {
    ok(await cloud.as('dev-admin').points.saveVenue(venueInput({ venueId, name: '上庄村兑换点' })))
  })

  it('refuses another county’s venue by id (IDOR, §13) and leaves it as it was', async () => {
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-yuci-admin').points.saveVenue(venueInput({ venueId, orgId: 'yuci', name: '被改掉的名字' })))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-yuci-admin').points.saveVenue(venueInput({ venueId, name: '被改掉的名字' })))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-youth').points.saveVenue(venueInput({ venueId, name: '被改掉的名字' })))).toBe('AUTH.FORBIDDEN')
    expect(snapshot(cloud)).toBe(before)
  })

  it('keeps the venue’s org and kind', async () => {
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-admin').points.saveVenue(venueInput({ venueId, orgId: 'yc-fc' })))).toBe('VENUE.ORG_FIXED')
    expect(errCode(await cloud.as('dev-cadre').points.saveVenue(venueInput({ venueId, kind: 'station' })))).toBe('VENUE.KIND_FIXED')
    expect(snapshot(cloud)).toBe(before)
  })

  it('answers VENUE.NOT_FOUND for a venue that does not exist', async () => {
    expect(errCode(await cloud.as('dev-cadre').points.saveVenue(venueInput({ venueId: 'v_nothing_here' })))).toBe('VENUE.NOT_FOUND')
  })
})

describe('setVenueStatus', () => {
  let venueId: string
  beforeAll(async () => {
    venueId = ok(await cloud.as('dev-cadre').points.saveVenue(venueInput({ name: '下庄村兑换点' }))).venue.id
  })

  it('closes and reopens a venue in scope, one audit entry each', async () => {
    expect(ok(await cloud.as('dev-cadre').points.setVenueStatus({ venueId, status: 'closed' })).venue.status).toBe('closed')
    expect(cloud.emulator.store.get('venues', venueId)).toMatchObject({ status: 'closed' })
    cloud.clock.advance(1000)
    expect(ok(await cloud.as('dev-admin').points.setVenueStatus({ venueId, status: 'open' })).venue.status).toBe('open')
    const changes = audits(venueId)
      .filter((a) => a.action === 'points.setVenueStatus')
      .sort((a, b) => a.at - b.at)
    expect(changes.map((a) => [a.actor, a.detail.was, a.detail.status])).toEqual([
      ['dev-cadre', 'open', 'closed'],
      ['dev-admin', 'closed', 'open'],
    ])
  })

  it('refuses out of scope, a missing venue and an unknown status, leaving no trace', async () => {
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-yuci-admin').points.setVenueStatus({ venueId, status: 'closed' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-youth').points.setVenueStatus({ venueId, status: 'closed' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-cadre').points.setVenueStatus({ venueId: 'v_none', status: 'closed' }))).toBe('VENUE.NOT_FOUND')
    expect(errCode(await cloud.as('dev-cadre').points.setVenueStatus({ venueId, status: 'deleted' }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await cloud.as('dev-cadre').points.setVenueStatus({ venueId: { $ne: null }, status: 'closed' }))).toBe('GENERIC.BAD_INPUT')
    expect(snapshot(cloud)).toBe(before)
  })
})

describe('listVenues', () => {
  let fresh: TestCloud
  beforeAll(async () => {
    fresh = await testCloud({ youth: 0 })
    const make = (orgId: string, name: string, kind = 'pickup') => fresh.as('dev-admin').points.saveVenue(venueInput({ orgId, name, kind }))
    for (let i = 0; i < 5; i++) ok(await make('yc-rc', `润城兑换点${i}`))
    ok(await make('yc-rc-b2', '下庄村兑换点'))
    ok(await make('yc-rc', '润城镇联络站', 'station'))
    ok(await make('yc-fc', '凤城兑换点'))
    ok(await fresh.as('dev-yuci-admin').points.saveVenue(venueInput({ orgId: 'yuci', name: '榆次兑换点' })))
  })
  afterAll(() => fresh.close())

  const all = async (who: string, input: Record<string, unknown>) => {
    const names: string[] = []
    let cursor: string | undefined
    for (let i = 0; i < 20; i++) {
      const page = ok(await fresh.as(who).points.listVenues({ ...input, limit: 2, cursor }))
      expect(page.items.length).toBeLessThanOrEqual(2)
      names.push(...page.items.map((v) => v.name))
      if (!page.nextCursor) return names
      cursor = page.nextCursor
    }
    throw new Error('paging did not end')
  }

  it('pages an org’s subtree by cursor, each venue once, with the org’s name', async () => {
    const names = await all('dev-cadre', { orgId: 'yc-rc' })
    expect(names.sort()).toEqual(['下庄村兑换点', '润城兑换点0', '润城兑换点1', '润城兑换点2', '润城兑换点3', '润城兑换点4', '润城镇联络站'].sort())
    const page = ok(await fresh.as('dev-cadre').points.listVenues({ orgId: 'yc-rc-b2' }))
    expect(page.items).toEqual([expect.objectContaining({ name: '下庄村兑换点', orgName: '下庄村团支部' })])
  })

  it('filters by kind and by status', async () => {
    expect(await all('dev-cadre', { orgId: 'yc-rc', kind: 'station' })).toEqual(['润城镇联络站'])
    expect(await all('dev-admin', { orgId: 'yc', kind: 'pickup' })).toHaveLength(7)
    const closing = ok(await fresh.as('dev-cadre').points.listVenues({ orgId: 'yc-rc-b2' })).items[0]
    ok(await fresh.as('dev-cadre').points.setVenueStatus({ venueId: closing.id, status: 'closed' }))
    expect(await all('dev-admin', { orgId: 'yc', kind: 'pickup', status: 'open' })).toHaveLength(6)
    expect(await all('dev-admin', { orgId: 'yc', status: 'closed' })).toEqual(['下庄村兑换点'])
  })

  it('refuses out of scope and clamps a huge limit (§5, §11)', async () => {
    expect(errCode(await fresh.as('dev-cadre').points.listVenues({ orgId: 'yc-fc' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await fresh.as('dev-cadre').points.listVenues({ orgId: 'yc' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await fresh.as('dev-yuci-admin').points.listVenues({ orgId: 'yc' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await fresh.as('dev-youth').points.listVenues({ orgId: 'yc-rc' }))).toBe('AUTH.FORBIDDEN')
    expect(ok(await fresh.as('dev-admin').points.listVenues({ orgId: 'yc', limit: 1e6 })).items.length).toBeLessThanOrEqual(50)
    expect(errCode(await fresh.as('dev-admin').points.listVenues({ orgId: 'yc', skip: 1e7 }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await fresh.as('dev-admin').points.listVenues({ orgId: 'yc', cursor: { $gt: '' } }))).toBe('GENERIC.BAD_INPUT')
  })
})
