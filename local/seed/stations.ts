import { createHash } from 'node:crypto'
import { roleIdFor } from '../../cloudfunctions/_core/access/access.repo'
import type { RoleDoc } from '../../cloudfunctions/_core/access/access.rules'
import type { Place } from '../../cloudfunctions/_core/activity/activity.rules'
import type { OrgDoc } from '../../cloudfunctions/_core/org/org.rules'
import { userIdFor } from '../../cloudfunctions/_core/profile/profile.repo'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'
import type { Secrets } from '../../cloudfunctions/_core/runtime/secrets'
import { postIdFor, type PostDoc } from '../../cloudfunctions/_core/station/post.rules'
import { childPlacement, chainOf, ROOT_PLACEMENT } from '../../cloudfunctions/_core/tree/tree.rules'
import type { VenueDoc } from '../../cloudfunctions/_core/venue/venue.rules'
import type { DutyType } from '../../types/enums'
import type { HomeTier, StationLevel } from '../../types/contract/station'
import { startOfShanghaiDay } from '../../types/day'
import { bj, Story, World, writeWorld, type Person, type SeedPictures } from './activities'
import type { SeedStore } from './store'
import { prng, type SeedYouth } from './youth'

/**
 * 团代表联络站 and 青年之家, shaped like the newsletter: 榆次's "1 + 4 + 19" stations (one main station,
 * four area stations, nineteen themed ones) with their representatives and committee members, the
 * 两联 links (a committee member to five representatives, a representative to ten youth), and this
 * season's station activities with the check-ins that fill the year's duties; 阳城's 28 youth homes,
 * 12 of them funded 品牌店 (one flagship at 60,000 yuan, three demonstration at 20,000, eight standard
 * at 10,000). Documents are the ones the station actions write (VenueDoc, PostDoc, roles as posts
 * grant them); the activities are told through the activity seed's own stories (./activities.ts).
 */

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

const YUCI_ADMIN = 'dev-yuci-admin'
const YC_ADMIN = 'dev-admin'
/** 委员 · 刘洋, committee member at 锦纶's 书香之站; 团代表 · 赵敏 (dev-rep) is posted there too. */
export const DEV_COMMITTEE = 'dev-committee'
const DEV_REP = 'dev-rep'
/** The station dev-rep and dev-committee are posted at. */
export const DEV_STATION = 'st-yuci-02'

const sha = (s: string) => createHash('sha256').update(s).digest('hex')

/** The door code's HMAC key, derived from the data key: stable across runs, still secret. */
export function seedDoorSecret(secrets: Secrets, venueId: string): string {
  return sha(`tq-seed-door-secret|${secrets.hash(`door-secret:${venueId}`)}`)
}

interface StationSpec {
  id: string
  name: string
  level: StationLevel
  parent: string | null
  orgId: string
  theme: string
  address: string
  lat: number
  lng: number
}

const YUCI_CENTER = { lat: 37.6974, lng: 112.7251 }

/** Where a station sits: spread around 榆次's centre, deterministic. */
function around(i: number, ring: number): { lat: number; lng: number } {
  const angle = (i * 137.5 * Math.PI) / 180
  const r = 0.008 + ring * 0.012
  return { lat: Math.round((YUCI_CENTER.lat + r * Math.cos(angle)) * 1e5) / 1e5, lng: Math.round((YUCI_CENTER.lng + r * Math.sin(angle)) * 1e5) / 1e5 }
}

const AREAS: { id: string; name: string; orgId: string }[] = [
  { id: 'st-yuci-a1', name: '榆次区团代表联络站城区分站', orgId: 'yuci-jl' },
  { id: 'st-yuci-a2', name: '榆次区团代表联络站北关分站', orgId: 'yuci-bg' },
  { id: 'st-yuci-a3', name: '榆次区团代表联络站东部分站', orgId: 'yuci-dy' },
  { id: 'st-yuci-a4', name: '榆次区团代表联络站西部分站', orgId: 'yuci-xw' },
]

/** The nineteen themed stations: theme, the org that runs it, the area station above it. */
const THEMED: [string, string, string][] = [
  ['红色之站', 'yuci-jl', 'st-yuci-a1'],
  ['书香之站', 'yuci-jl', 'st-yuci-a1'],
  ['艺术之站', 'yuci-jl', 'st-yuci-a1'],
  ['廉政之站', 'yuci-xn', 'st-yuci-a1'],
  ['法治之站', 'yuci-xn', 'st-yuci-a1'],
  ['创业之站', 'yuci-bg', 'st-yuci-a2'],
  ['科技之站', 'yuci-bg', 'st-yuci-a2'],
  ['巾帼之站', 'yuci-bg', 'st-yuci-a2'],
  ['网信之站', 'yuci-xx', 'st-yuci-a2'],
  ['骑手之站', 'yuci-xx', 'st-yuci-a2'],
  ['青农之站', 'yuci-dy', 'st-yuci-a3'],
  ['生态之站', 'yuci-dy', 'st-yuci-a3'],
  ['非遗之站', 'yuci-dy', 'st-yuci-a3'],
  ['健康之站', 'yuci-zq', 'st-yuci-a3'],
  ['志愿之站', 'yuci-xw', 'st-yuci-a4'],
  ['文明之站', 'yuci-xw', 'st-yuci-a4'],
  ['国防之站', 'yuci-wjs', 'st-yuci-a4'],
  ['家风之站', 'yuci-wjs', 'st-yuci-a4'],
  ['心理之站', 'yuci-zq', 'st-yuci-a4'],
]

const ORG_PLACE: Record<string, string> = {
  yuci: '榆次区', 'yuci-jl': '锦纶街道', 'yuci-bg': '北关街道', 'yuci-xn': '西南街道', 'yuci-dy': '东阳镇', 'yuci-xw': '修文镇',
  'yuci-zq': '张庆乡', 'yuci-wjs': '乌金山镇', 'yuci-xx': '新兴行业',
}

export const STATIONS: StationSpec[] = [
  { id: 'st-yuci', name: '榆次区团代表联络站（总站）', level: 'main', parent: null, orgId: 'yuci', theme: '', address: '榆次区迎宾街青年服务中心二层', ...around(0, 0) },
  ...AREAS.map((a, i): StationSpec => ({ ...a, level: 'area', parent: 'st-yuci', theme: '', address: `${ORG_PLACE[a.orgId]}党群服务中心一层`, ...around(i + 1, 1) })),
  ...THEMED.map(([theme, orgId, parent], i): StationSpec => ({
    id: `st-yuci-${String(i + 1).padStart(2, '0')}`,
    name: `${ORG_PLACE[orgId]}团代表联络站·${theme}`,
    level: 'station',
    parent,
    orgId,
    theme,
    address: `${ORG_PLACE[orgId]}${['社区服务中心', '文化活动室', '青年之家', '新时代文明实践站'][i % 4]}`,
    ...around(i + 5, 2),
  })),
]

interface HomeSpec {
  id: string
  name: string
  orgId: string
  tier: HomeTier | null
  funding: { year: number; yuan: number; note: string }[]
  stationId: string | null
  address: string
  lat: number
  lng: number
}

const YC_TOWNS: [string, string, number, number][] = [
  ['yc-fc', '凤城镇', 35.4862, 112.4158],
  ['yc-rc', '润城镇', 35.4579, 112.5287],
  ['yc-bl', '北留镇', 35.4791, 112.5402],
  ['yc-dd', '町店镇', 35.4301, 112.3407],
  ['yc-qc', '芹池镇', 35.5602, 112.3489],
  ['yc-mh', '蟒河镇', 35.3405, 112.4311],
]
const HOME_PLACES = ['社区', '村委会', '文化中心', '学校旁', '电商中心']

/** 阳城's 28 youth homes: 1 flagship, 3 demonstration and 8 standard 品牌店 (funded), 16 others; 2 in 榆次 share a station's room. */
export const HOMES: HomeSpec[] = [
  ...Array.from({ length: 28 }, (_, i): HomeSpec => {
    const tier: HomeTier | null = i === 0 ? 'flagship' : i <= 3 ? 'demonstration' : i <= 11 ? 'standard' : null
    const yuan = tier === 'flagship' ? 60000 : tier === 'demonstration' ? 20000 : tier === 'standard' ? 10000 : 0
    const [orgId, town, lat, lng] = i === 0 ? ['yc', '阳城县', 35.48891, 112.41207] as const : YC_TOWNS[i % YC_TOWNS.length]
    const n = Math.floor(i / YC_TOWNS.length) + 1
    return {
      id: `yh-yc-${String(i + 1).padStart(2, '0')}`,
      name: i === 0 ? '阳城县青年之家（旗舰店）' : `${town}青年之家${n > 1 ? `（${['', '', '二', '三', '四', '五'][n]}号）` : ''}`,
      orgId,
      tier,
      funding: yuan ? [{ year: 2022, yuan, note: tier === 'flagship' ? '团县委品牌店建设资金' : '品牌店建设补助' }] : [],
      stationId: null,
      address: i === 0 ? '阳城县凤城镇新阳东街青少年活动中心' : `${town}${HOME_PLACES[i % HOME_PLACES.length]}`,
      lat: Math.round((lat + ((i % 5) - 2) * 0.004) * 1e5) / 1e5,
      lng: Math.round((lng + ((i % 3) - 1) * 0.005) * 1e5) / 1e5,
    }
  }),
  { id: 'yh-yuci-01', name: '锦纶街道青年之家', orgId: 'yuci-jl', tier: 'standard', funding: [{ year: 2025, yuan: 10000, note: '区团委青年之家补助' }], stationId: 'st-yuci-02', address: '锦纶街道文化活动室', ...around(6, 2) },
  { id: 'yh-yuci-02', name: '东阳镇青年之家', orgId: 'yuci-dy', tier: null, funding: [], stationId: 'st-yuci-11', address: '东阳镇社区服务中心', ...around(15, 2) },
]

const TEAMS = ['就业创业小组', '青少年权益小组', '基层治理小组', '乡村振兴小组']

export interface StationSeedSummary {
  stations: number
  homes: number
  posts: number
  links: number
  activities: number
}

/**
 * Writes the venues, posts (with the roles they grant), links and this season's station activities.
 * Idempotent: every document has a stable id; the activities are written only where absent.
 */
export function seedStations(
  store: SeedStore,
  secrets: Secrets,
  now: number,
  orgs: OrgDoc[],
  youth: SeedYouth[],
  people: { openid: string; realName: string; orgId: string }[],
  picture: SeedPictures,
): StationSeedSummary {
  const created = bj('2026-09-01T09:00')
  const orgById = new Map(orgs.map((o) => [o._id, o]))
  const underOrgs = (orgId: string) => {
    const o = orgById.get(orgId)
    if (!o) throw new Error(`seed station names unknown org ${orgId}`)
    return chainOf(o)
  }

  // ---- venues ------------------------------------------------------------------------------
  const placed = new Map<string, VenueDoc>()
  for (const s of STATIONS) {
    const parent = s.parent ? placed.get(s.parent) : null
    if (s.parent && !parent) throw new Error(`seed station ${s.id} comes before its parent`)
    const placement = parent ? childPlacement({ _id: parent._id, path: parent.path ?? [], depth: parent.depth ?? 0 }) : ROOT_PLACEMENT
    const doc: VenueDoc = {
      _id: s.id,
      name: s.name,
      address: s.address,
      lat: s.lat,
      lng: s.lng,
      hours: s.level === 'station' ? '周二、周四 15:00–18:00；周六 9:00–12:00' : '周一至周五 9:00–17:00',
      kind: 'station',
      orgId: s.orgId,
      underOrgs: underOrgs(s.orgId),
      status: 'open',
      description: s.theme ? `${s.theme}：团代表定期进站接待青年，收集意见建议，开展${s.theme.replace('之站', '')}主题活动。` : '团代表联络站，统筹各站的进站接待、履职活动和意见办理。',
      level: s.level,
      theme: s.theme,
      ...placement,
      doorSecret: seedDoorSecret(secrets, s.id),
      createdBy: YUCI_ADMIN,
      createdAt: created,
      updatedAt: created,
    }
    placed.set(s.id, doc)
    store.upsert(COLLECTIONS.venues, { ...doc })
  }
  for (const h of HOMES) {
    const doc: VenueDoc = {
      _id: h.id,
      name: h.name,
      address: h.address,
      lat: h.lat,
      lng: h.lng,
      hours: '周一至周日 9:00–21:00',
      kind: 'youth_home',
      orgId: h.orgId,
      underOrgs: underOrgs(h.orgId),
      status: 'open',
      description: h.tier === 'flagship' ? '阳城县青年之家旗舰店：技能培训、直播间、阅览室和青年议事厅。' : '青年学习、交流和活动的地方，欢迎来坐坐。',
      tier: h.tier,
      funding: h.funding,
      stationId: h.stationId,
      createdBy: h.orgId.startsWith('yuci') ? YUCI_ADMIN : YC_ADMIN,
      createdAt: created,
      updatedAt: created,
    }
    store.upsert(COLLECTIONS.venues, { ...doc })
  }

  // ---- people: two representatives per themed station, a committee member per area ---------
  const person = (y: { openid: string; realName: string; orgId: string }): Person => ({ openid: y.openid, userId: userIdFor(secrets, y.openid), userName: y.realName, orgId: y.orgId })
  const yuciYouth = youth.filter((y) => y.orgId.startsWith('yuci-')).map(person)
  const byOpenid = new Map(people.map((p) => [p.openid, person(p)]))
  const rep = byOpenid.get(DEV_REP)
  const committee = byOpenid.get(DEV_COMMITTEE)
  if (!rep || !committee) throw new Error('seed stations needs the dev-rep and dev-committee personas')

  const posts: PostDoc[] = []
  const post = (p: Person, kind: PostDoc['post'], venueId: string, team: string) => {
    const venue = placed.get(venueId)!
    posts.push({
      _id: postIdFor(venueId, p.userId, '2024-01-01'),
      userId: p.userId,
      openid: p.openid,
      name: p.userName,
      post: kind,
      venueId,
      orgId: venue.orgId,
      underOrgs: venue.underOrgs,
      team,
      termStart: '2024-01-01',
      termEnd: '2028-12-31',
      endedAt: null,
      createdBy: YUCI_ADMIN,
      createdAt: created,
      updatedAt: created,
    })
  }
  post(rep, 'representative', DEV_STATION, TEAMS[0])
  post(committee, 'committee', DEV_STATION, TEAMS[0])
  const themed = STATIONS.filter((s) => s.level === 'station')
  // Seeded youth take the other posts while there are enough of them; the rest stay youth (linked below).
  const pool = [...yuciYouth]
  const nextPerson = () => pool.shift() ?? null
  for (const [i, s] of themed.entries()) {
    for (let k = s.id === DEV_STATION ? 1 : 0; k < 2; k++) {
      const p = pool.length > 12 ? nextPerson() : null
      if (p) post(p, 'representative', s.id, TEAMS[(i + k) % TEAMS.length])
    }
  }
  for (const [i, a] of AREAS.entries()) {
    const p = pool.length > 12 ? nextPerson() : null
    if (p) post(p, 'committee', a.id, TEAMS[i % TEAMS.length])
  }
  for (const p of posts) {
    store.upsert(COLLECTIONS.stationPosts, { ...p })
    const venue = placed.get(p.venueId)!
    const role: RoleDoc =
      p.post === 'representative'
        ? { _id: roleIdFor(p.openid, 'representative', venue.orgId, venue._id), openid: p.openid, userId: p.userId, role: 'representative', orgId: venue.orgId, venueId: venue._id, via: 'grant', grantedBy: null, grantedAt: created }
        : { _id: roleIdFor(p.openid, 'committee', venue.orgId), openid: p.openid, userId: p.userId, role: 'committee', orgId: venue.orgId, via: 'grant', grantedBy: null, grantedAt: created }
    store.upsert(COLLECTIONS.roles, { ...role })
  }

  // ---- 两联: each committee member to five representatives, each representative to ten youth --
  const reps = posts.filter((p) => p.post === 'representative')
  const members = posts.filter((p) => p.post === 'committee')
  const links: { _id: string; kind: 'committee_rep' | 'rep_youth'; fromUserId: string; toUserId: string; createdBy: string; createdAt: number }[] = []
  const link = (kind: 'committee_rep' | 'rep_youth', from: string, to: string) => links.push({ _id: `${kind}_${from}_${to}`, kind, fromUserId: from, toUserId: to, createdBy: YUCI_ADMIN, createdAt: created })
  members.forEach((m, i) => {
    const mine = m.openid === DEV_COMMITTEE ? [reps[0], ...reps.slice(1, 5)] : reps.slice(1 + i * 5, 6 + i * 5)
    for (const r of mine) if (r && r.userId !== m.userId) link('committee_rep', m.userId, r.userId)
  })
  const linkedYouth = pool.length ? pool : yuciYouth
  reps.forEach((r, i) => {
    for (let k = 0; k < 10 && k < linkedYouth.length; k++) {
      const y = linkedYouth[(i * 10 + k) % linkedYouth.length]
      if (y.userId !== r.userId) link('rep_youth', r.userId, y.userId)
    }
  })
  for (const l of links) store.upsert(COLLECTIONS.stationLinks, { ...l })

  // ---- this season's station activities, told through the activity stories ----------------
  const w = new World(secrets, now, picture)
  const activities = tellStationSeason(w, { rep, committee, reps, members, youth: linkedYouth, now })
  writeWorld(store, w)

  return { stations: STATIONS.length, homes: HOMES.length, posts: posts.length, links: links.length, activities }
}

const DUTY_TITLES: Record<DutyType, string[]> = {
  talk: ['青年宣讲：党的二十届四中全会精神进社区', '“青年说”微宣讲：身边的好青年', '法治宣讲：青年就业权益保护'],
  survey: ['青年发展需求调研座谈', '新就业形态青年现状调研', '社区青年议事：停车难怎么办'],
  service: ['进站服务：青年就业政策咨询', '关爱“一老一小”志愿服务', '青年创业贷款政策上门解读'],
  forum: ['团代表与青年面对面座谈', '青年议事会：社区文化活动'],
}

function stationPlace(id: string): Place {
  const s = STATIONS.find((x) => x.id === id)!
  return { name: s.name, lat: s.lat, lng: s.lng, radius: 150 }
}

/**
 * Thirty finished station activities between September and November (each committee member hosting
 * talks, surveys and services — 刘洋 still owes a survey this year), and two upcoming ones at
 * 书香之站 for the station page's "this week". Representatives and linked youth sign up and check in.
 */
function tellStationSeason(
  w: World,
  c: { rep: Person; committee: Person; reps: PostDoc[]; members: PostDoc[]; youth: Person[]; now: number },
): number {
  const r = prng(4242)
  const repPeople: Person[] = c.reps.map((p) => ({ openid: p.openid, userId: p.userId, userName: p.name, orgId: p.orgId }))
  const themed = STATIONS.filter((s) => s.level === 'station')
  let n = 0
  const story = (
    id: string,
    venueId: string,
    dutyType: DutyType,
    title: string,
    startAt: number,
    hours: number,
    hosts: string[],
    publishedAt: number,
  ) => {
    const s = STATIONS.find((x) => x.id === venueId)!
    return new Story(
      w,
      {
        id,
        orgId: s.orgId,
        kind: 'station',
        title,
        description: `${s.name}的${title.includes('：') ? title.split('：')[0] : '履职'}活动：团代表、委员和青年面对面。欢迎带着问题来，现场可以填写征集意见表。`,
        place: stationPlace(venueId),
        startAt,
        endAt: startAt + hours * HOUR,
        signUpStartAt: publishedAt,
        signUpEndAt: startAt - HOUR,
        capacity: 40,
        audience: { type: 'org', orgId: 'yuci' },
        venueId,
        dutyType,
        hosts,
        createdBy: YUCI_ADMIN,
        createdAt: publishedAt - 30 * MIN,
        publishedAt,
      },
      9000 + n,
    )
  }

  // 刘洋's own year at 书香之站: a talk and a service done, the survey still owed.
  const mine: [DutyType, string, string][] = [
    ['talk', '2026-10-15T15:00', '青年宣讲：党的二十届四中全会精神进社区'],
    ['service', '2026-11-07T09:30', '进站服务：青年就业政策咨询'],
  ]
  const TYPES: DutyType[] = ['talk', 'survey', 'service', 'talk', 'forum', 'service']
  const season: { venueId: string; dutyType: DutyType; title: string; at: number; hosts: string[] }[] = mine.map(([dutyType, at, title]) => ({
    venueId: DEV_STATION,
    dutyType,
    title,
    at: bj(at),
    hosts: [c.committee.userId],
  }))
  for (let i = 0; season.length < 30; i++) {
    const s = themed[(i * 7) % themed.length]
    const dutyType = TYPES[i % TYPES.length]
    const day = Math.floor((i * 79) / 28) // spread over ~80 days from 5 September
    const at = bj('2026-09-05T15:00') + day * DAY + (i % 3) * HOUR
    const host = c.members.filter((m) => m.openid !== DEV_COMMITTEE)[i % Math.max(1, c.members.length - 1)]
    season.push({ venueId: s.id, dutyType, title: DUTY_TITLES[dutyType][i % DUTY_TITLES[dutyType].length], at, hosts: host ? [host.userId] : [] })
  }
  season.sort((a, b) => a.at - b.at)
  for (const a of season) {
    n++
    const id = `astn${String(n).padStart(8, '0')}`
    const s = story(id, a.venueId, a.dutyType, a.title, a.at, 2, a.hosts, a.at - 5 * DAY)
    // The station's representatives and some youth sign up and come; the first talk at 书香之站 has 赵敏 too.
    const here = repPeople.filter((p) => c.reps.find((x) => x.userId === p.userId)?.venueId === a.venueId)
    const extra = c.youth.length ? Array.from({ length: 4 + Math.floor(r() * 6) }, (_, k) => c.youth[(n * 5 + k) % c.youth.length]) : []
    const comers = [...new Map([...here, ...extra].map((p) => [p.openid, p])).values()].filter((p) => !a.hosts.includes(p.userId))
    s.signUpAll(comers, a.at - 5 * DAY + HOUR, a.at - 2 * HOUR)
    s.attendAll(comers)
    s.approve(YUCI_ADMIN, comers, a.at + DAY)
    s.done()
  }

  // Upcoming at 书香之站, inside this week.
  const today = startOfShanghaiDay(c.now)
  const upcoming: [DutyType, number, string][] = [
    ['forum', 2, '团代表与青年面对面座谈'],
    ['survey', 5, '青年发展需求调研座谈'],
  ]
  for (const [dutyType, days, title] of upcoming) {
    n++
    const at = today + days * DAY + 15 * HOUR
    const s = story(`astn${String(n).padStart(8, '0')}`, DEV_STATION, dutyType, title, at, 2, [c.committee.userId], today - DAY + 9 * HOUR)
    s.signUpAll([c.rep], today - DAY + 10 * HOUR, Math.min(c.now, at - 2 * HOUR))
    s.done()
  }
  return n
}
