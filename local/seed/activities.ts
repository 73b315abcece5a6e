import { createHash } from 'node:crypto'
import { participationIdFor } from '../../cloudfunctions/_core/activity/activity.repo'
import { REMIND_AHEAD_MS } from '../../cloudfunctions/_core/activity/activity.reminders'
import {
  newParticipation,
  placeFor,
  type ActivityDoc,
  type ParticipationDoc,
  type Place,
} from '../../cloudfunctions/_core/activity/activity.rules'
import { activityMac, personMac } from '../../cloudfunctions/_core/attendance/attendance.hmac'
import {
  applyMark,
  personCode,
  rotatingCode,
  scanMark,
  selfMark,
  stepAt,
  type Mark,
  type ScanDoc,
} from '../../cloudfunctions/_core/attendance/attendance.rules'
import { approvableMinutes, emptyTotals, movedTotals, pendingDeclaration, type DeclarationDoc, type HourTotalsDoc } from '../../cloudfunctions/_core/hours/hours.rules'
import { applyEntries, creditDraft, EMPTY_TOTALS, entryDoc, type AccountDoc, type LedgerEntryDoc } from '../../cloudfunctions/_core/ledger/ledger.rules'
import { userIdFor } from '../../cloudfunctions/_core/profile/profile.repo'
import { shanghaiEpoch, splitShanghai, startOfShanghaiDay } from '../../types/day'
import type { AuditDoc } from '../../cloudfunctions/_core/runtime/audit'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'
import { queueOrder, ticketOf } from '../../cloudfunctions/_core/runtime/places'
import type { Secrets } from '../../cloudfunctions/_core/runtime/secrets'
import type { SeedStore } from './store'
import { ORG_TREE, type SeedOrg } from './orgs'
import { prng, type SeedYouth } from './youth'

/**
 * 志愿服务 demo data: activities of 阳城县 and 榆次区 in every state, with the sign-ups, check-ins,
 * reviews, 益币 and hour totals the real actions would have left behind.
 *
 * Every step goes through the same pure rules the actions use (`placeFor`, `newParticipation`,
 * `selfMark` with a real rotating code, `scanMark`, `applyMark`, `attendedMinutes`,
 * `approvableMinutes`, `creditDraft`, and `applyEntries` / `movedTotals` for the cached totals), so the documents are the ones the actions would
 * have written, and a mistake in the story (a check-in outside its window, a bad code) throws here.
 *
 * Time: finished activities sit at fixed dates after SEED_TIME (the profiles' creation), so they
 * never move; today's and upcoming ones are placed relative to `now`, so a fresh store always has
 * something to sign up for. Every recorded event is at or before `now`.
 *
 * Idempotent and safe on a store that has been used: an activity is written with its participations,
 * scans, credits and audit entries only when the activity is absent, and every document only when
 * absent; the cached totals (accounts, hour_totals) move by what was actually inserted, the way the
 * actions move them. So running twice changes nothing, and running over a store where people have
 * since signed up, checked in, been approved or spent 益币 keeps balance = Σ entries and the counters.
 */

/** Stores a drawn picture as `openid`'s upload (once per key) and answers its file id; null without storage. */
export type SeedPictures = (openid: string, key: string, variant: number) => string | null

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

const CADRE = 'dev-cadre' // 润城镇团委
const YC_ADMIN = 'dev-admin' // 共青团阳城县委
const YUCI_ADMIN = 'dev-yuci-admin' // 共青团榆次区委
const DEV_YOUTH = { openid: 'dev-youth', realName: '王晓青', orgId: 'yc-rc-b1' }

/** A Beijing wall-clock time ('2026-09-26T08:30') as epoch ms, through the one day module. */
export const bj = (s: string) => {
  const t = shanghaiEpoch(s.slice(0, 10), s.slice(11, 16))
  if (t === null) throw new Error(`seed time ${s} is malformed`)
  return t
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex')
}

/** The HMAC key of an activity's rotating code: derived from the data key, so it is stable and still secret. */
export function seedActivitySecret(secrets: Secrets, activityId: string): string {
  return sha256(`tq-seed-activity-secret|${secrets.hash(`activity-secret:${activityId}`)}`)
}

/** A UUID (version 4 layout) from a name, for the request keys of what the seed does as a person (the organizer's scans, an award). */
export function uuidFrom(name: string): string {
  const h = sha256(name)
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

const auditId = (key: string) => `aud_${sha256(`tq-seed-audit|${key}`).slice(0, 32)}`

// ---------------------------------------------------------------------------------------------
// Orgs and people

interface OrgRef {
  _id: string
  path: string[]
}

function orgIndex(tree: SeedOrg[], path: string[] = [], out = new Map<string, OrgRef>()): Map<string, OrgRef> {
  for (const o of tree) {
    out.set(o.id, { _id: o.id, path })
    orgIndex(o.children ?? [], [...path, o.id], out)
  }
  return out
}

const ORGS = orgIndex(ORG_TREE)

function org(id: string): OrgRef {
  const o = ORGS.get(id)
  if (!o) throw new Error(`seed activity names unknown org ${id}`)
  return o
}

/** Inside `orgId`'s subtree (the org itself or below it). */
function within(memberOrgId: string, orgId: string): boolean {
  const o = ORGS.get(memberOrgId)
  return !!o && (o._id === orgId || o.path.includes(orgId))
}

export interface Person {
  openid: string
  userId: string
  userName: string
  orgId: string
}

// ---------------------------------------------------------------------------------------------
// Places (GCJ-02, as a phone in China reports them)

const PLACES = {
  shangzhuang: { name: '润城镇上庄村玉米地（村委会集合）', lat: 35.45124, lng: 112.51086, radius: 500 },
  runchengSchool: { name: '润城镇中心学校', lat: 35.45632, lng: 112.53117, radius: 200 },
  qinhe: { name: '沁河润城段（润城大桥东侧）', lat: 35.46017, lng: 112.53981, radius: 600 },
  runchengStreet: { name: '润城镇政府门前广场（夜巡集合点）', lat: 35.45702, lng: 112.52654, radius: 300 },
  ecCenter: { name: '阳城县电子商务公共服务中心直播间', lat: 35.48623, lng: 112.41874, radius: 150 },
  youthHome: { name: '阳城县青年之家（旗舰店）', lat: 35.48891, lng: 112.41207, radius: 150 },
  tollGate: { name: '晋阳高速阳城收费站“深夜爱心食堂”', lat: 35.50031, lng: 112.38794, radius: 300 },
  runchengYouthHome: { name: '润城镇青年之家', lat: 35.45788, lng: 112.52865, radius: 150 },
  jinlun: { name: '锦纶街道锦纶社区文明实践站', lat: 37.69523, lng: 112.72311, radius: 300 },
  jinlunStation: { name: '锦纶街道团代表联络站（书香之站）', lat: 37.69381, lng: 112.72664, radius: 150 },
  xiaohe: { name: '潇河榆次段应急救援训练点', lat: 37.64552, lng: 112.66803, radius: 500 },
  beiguan: { name: '北关街道新华社区', lat: 37.70884, lng: 112.71023, radius: 300 },
} satisfies Record<string, Place>

/** A reading `meters` away from the place (bearing in degrees), rounded as a phone reports it. */
function near(p: Place, meters: number, bearing: number, accuracy: number) {
  const b = (bearing * Math.PI) / 180
  const lat = p.lat + (meters * Math.cos(b)) / 111_320
  const lng = p.lng + (meters * Math.sin(b)) / (111_320 * Math.cos((p.lat * Math.PI) / 180))
  return { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6, accuracy }
}

// ---------------------------------------------------------------------------------------------
// The world being written

export class World {
  readonly activities: { doc: ActivityDoc; parts: ParticipationDoc[]; scans: ScanDoc[]; entries: LedgerEntryDoc[]; audits: AuditDoc[] }[] = []
  readonly declarations: { doc: DeclarationDoc; audits: AuditDoc[] }[] = []

  constructor(
    readonly secrets: Secrets,
    readonly now: number,
    readonly picture: SeedPictures,
  ) {}

  audit(key: string, a: Omit<AuditDoc, '_id'>): AuditDoc {
    if (a.at > this.now) throw new Error(`seed audit ${key} is after now`)
    return { _id: auditId(key), ...a }
  }
}

/** What a story says of its activity; the rest takes the usual values. */
export type ActivitySpec = Pick<ActivityDoc, 'orgId' | 'kind' | 'title' | 'description' | 'place' | 'startAt' | 'endAt' | 'signUpStartAt' | 'signUpEndAt' | 'capacity' | 'createdBy' | 'createdAt'> &
  Partial<Pick<ActivityDoc, 'pointsPerHour' | 'checkInModes' | 'audience' | 'waitlist' | 'venueId' | 'dutyType' | 'hosts'>> & {
    id: string
    /** Null for a draft. */
    publishedAt: number | null
    /** A cover picture (its palette variant), uploaded by the creator. */
    cover?: number
  }

/** One activity's story, told in order through the actions' own rules. */
export class Story {
  a: ActivityDoc
  readonly parts = new Map<string, ParticipationDoc>()
  readonly scans: ScanDoc[] = []
  readonly entries: LedgerEntryDoc[] = []
  readonly audits: AuditDoc[] = []
  private readonly mac: (m: string) => string
  private readonly r: () => number

  constructor(
    private readonly w: World,
    spec: ActivitySpec,
    seedNo: number,
  ) {
    const o = org(spec.orgId)
    this.r = prng(seedNo)
    const secret = seedActivitySecret(w.secrets, spec.id)
    this.mac = activityMac(secret)
    this.a = {
      _id: spec.id,
      orgId: spec.orgId,
      kind: spec.kind,
      title: spec.title,
      description: spec.description,
      place: { ...spec.place },
      startAt: spec.startAt,
      endAt: spec.endAt,
      signUpStartAt: spec.signUpStartAt,
      signUpEndAt: spec.signUpEndAt,
      checkInOpensBefore: 30,
      checkOutClosesAfter: 60,
      capacity: spec.capacity,
      waitlist: spec.waitlist ?? true,
      realNameRequired: true,
      walkIn: false,
      checkInModes: spec.checkInModes ?? ['code', 'geo', 'scan'],
      minAttendancePercent: 60,
      pointsPerHour: spec.pointsPerHour ?? 1,
      audience: spec.audience ?? { type: 'everyone' },
      cover: spec.cover === undefined ? null : w.picture(spec.createdBy, `cover|${spec.id}`, spec.cover),
      status: 'draft',
      cancelReason: null,
      secret,
      signed: 0,
      waitlisted: 0,
      seats: {},
      queue: {},
      createdBy: spec.createdBy,
      createdAt: spec.createdAt,
      updatedAt: spec.createdAt,
      publishedAt: null,
      // A station or youth-home activity names its venue (and, at a station, what it counts as in the year's duties).
      ...(spec.venueId ? { venueId: spec.venueId, dutyType: spec.dutyType ?? null, hosts: spec.hosts ?? [] } : {}),
    }
    this.audits.push(
      w.audit(`create|${spec.id}`, {
        at: spec.createdAt,
        actor: spec.createdBy,
        action: 'activity.createActivity',
        target: { type: 'activity', id: spec.id },
        orgId: o._id,
        orgPath: o.path,
        detail: { title: spec.title },
      }),
    )
    if (spec.publishedAt !== null) {
      if (spec.publishedAt >= spec.startAt || spec.publishedAt < spec.createdAt) throw new Error(`seed activity ${spec.id} publishes out of order`)
      this.a = { ...this.a, status: 'published', publishedAt: spec.publishedAt, updatedAt: spec.publishedAt }
      this.audits.push(
        w.audit(`publish|${spec.id}`, {
          at: spec.publishedAt,
          actor: spec.createdBy,
          action: 'activity.publishActivity',
          target: { type: 'activity', id: spec.id },
          orgId: o._id,
          orgPath: o.path,
        }),
      )
    }
  }

  rand(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1))
  }

  /** Joins so far, for tickets that follow arrival order within a millisecond (runtime/places.ts). */
  private joins = 0

  private get orgRef() {
    return org(this.a.orgId)
  }

  private part(p: Person): ParticipationDoc {
    const doc = this.parts.get(participationIdFor(this.a._id, p.openid))
    if (!doc) throw new Error(`seed: ${p.openid} is not signed up for ${this.a._id}`)
    return doc
  }

  private put(doc: ParticipationDoc): ParticipationDoc {
    this.parts.set(doc._id, doc)
    return doc
  }

  /** signUp: a place while there is one, else the waitlist with the next ticket. */
  signUp(p: Person, at: number, subscribed: boolean): ParticipationDoc {
    const a = this.a
    if (a.status !== 'published' || at < a.signUpStartAt || at >= a.signUpEndAt || at > this.w.now) throw new Error(`seed sign-up for ${a._id} outside its window`)
    const id = participationIdFor(a._id, p.openid)
    if (this.parts.has(id)) throw new Error(`seed: ${p.openid} signs up twice for ${a._id}`)
    if (a.audience.type === 'org' && !within(p.orgId, a.audience.orgId)) throw new Error(`seed: ${p.openid} is outside ${a._id}'s audience`)
    // As activity.places.ts: a place while one is free and nobody waits, else the waitlist in ticket order.
    const status = a.waitlisted > 0 && a.waitlist ? 'waitlisted' : placeFor(a)
    const ticket = ticketOf(at, ++this.joins)
    const waitTicket = status === 'waitlisted' ? ticket : null
    this.a =
      status === 'signed'
        ? { ...a, signed: a.signed + 1, seats: { ...a.seats, [id]: ticket }, placesAt: at }
        : { ...a, waitlisted: a.waitlisted + 1, queue: { ...a.queue, [id]: ticket }, placesAt: at }
    return this.put(newParticipation(a, { _id: id, openid: p.openid, userId: p.userId, userName: p.userName, subscribed }, { status, waitTicket }, at, null))
  }

  /** cancelSignUp before the start: a freed place goes to the head of the waitlist. */
  cancelSignUp(p: Person, at: number): void {
    const mine = this.part(p)
    if (at >= this.a.startAt || at > this.w.now || mine.checkIn || mine.status === 'cancelled') throw new Error('seed: cancel too late')
    this.put({ ...mine, status: 'cancelled', waitTicket: null, updatedAt: at })
    const { [mine._id]: _seat, ...seats } = this.a.seats ?? {}
    const { [mine._id]: _wait, ...queue } = this.a.queue ?? {}
    if (mine.status === 'waitlisted') {
      this.a = { ...this.a, waitlisted: this.a.waitlisted - 1, queue, placesAt: at }
      return
    }
    const [headId] = queueOrder(queue)
    const head = headId ? this.parts.get(headId) : undefined
    if (head) {
      this.put({ ...head, status: 'signed', waitTicket: null, updatedAt: at })
      seats[head._id] = ticketOf(at, ++this.joins)
      delete queue[head._id]
    }
    this.a = { ...this.a, signed: this.a.signed - 1 + (head ? 1 : 0), waitlisted: this.a.waitlisted - (head ? 1 : 0), seats, queue, placesAt: at }
  }

  private apply(p: Person, mark: Mark, now: number): ParticipationDoc {
    if (now > this.w.now) throw new Error(`seed mark for ${this.a._id} is after now`)
    const id = participationIdFor(this.a._id, p.openid)
    const { doc } = applyMark(id, this.parts.get(id) ?? null, mark, this.a, () => {
      throw new Error('seed: no walk-ins')
    }, now)
    // As attendance.repo.ts: the first check-in stamps the activity, which then cannot be cancelled.
    if (mark.kind === 'in' && !this.a.attendedAt) this.a = { ...this.a, attendedAt: now }
    return this.put(doc)
  }

  /** The youth scans the board's rotating code at `at`. */
  byCode(p: Person, kind: Mark['kind'], at: number): ParticipationDoc {
    const code = rotatingCode(this.a._id, stepAt(at), this.mac)
    return this.apply(p, selfMark(kind, this.a, { code }, at, this.mac), at)
  }

  /** The youth's phone reports a location `meters` from the place. */
  byLocation(p: Person, kind: Mark['kind'], at: number, meters: number, accuracy: number): ParticipationDoc {
    const location = near(this.a.place, meters, this.rand(0, 359), accuracy)
    return this.apply(p, selfMark(kind, this.a, { location }, at, this.mac), at)
  }

  /** The organizer scans personal codes (perhaps offline) and syncs them in one upload at `syncAt`. */
  syncScans(organizer: string, batch: { p: Person; kind: Mark['kind']; scannedAt: number }[], syncAt: number): void {
    if (batch.length === 0) return
    for (const s of [...batch].sort((x, y) => x.scannedAt - y.scannedAt)) {
      const scanId = uuidFrom(`tq-seed-scan|${this.a._id}|${s.p.openid}|${s.kind}`)
      const mark = scanMark(this.a, { scanId, kind: s.kind, scannedAt: s.scannedAt }, syncAt, organizer)
      const doc = this.apply(s.p, mark, syncAt)
      this.scans.push({
        _id: scanId,
        activityId: this.a._id,
        personCode: personCode(s.p.userId, personMac(this.w.secrets)),
        kind: s.kind,
        scannedAt: s.scannedAt,
        scannedBy: organizer,
        syncedAt: syncAt,
        participationId: doc._id,
        result: { ok: true, code: null, message: null },
      })
    }
    this.audits.push(
      this.w.audit(`scans|${this.a._id}|${syncAt}`, {
        at: syncAt,
        actor: organizer,
        action: 'activity.syncScans',
        target: { type: 'activity', id: this.a._id },
        orgId: this.orgRef._id,
        orgPath: this.orgRef.path,
        detail: { scans: batch.length, ok: batch.length, failed: 0 },
      }),
    )
  }

  /** approveHours, one batch: minutes count, 益币 credited once per approval. */
  approve(reviewer: string, people: Person[], at: number): void {
    if (people.length === 0) return
    if (at > this.w.now) throw new Error('seed approval after now')
    for (const person of people) {
      if (person.openid === reviewer) throw new Error('seed: nobody approves their own hours')
      const p = this.part(person)
      if (p.review !== 'pending' || !p.checkOut || p.checkOut.at > at) throw new Error(`seed: ${p._id} is not pending`)
      const minutes = approvableMinutes(p)
      const approval = p.approvals + 1
      this.put({ ...p, review: 'approved', approvedMinutes: minutes, approvals: approval, reviewedBy: reviewer, reviewedAt: at, rejectReason: null, updatedAt: at })
      const credit = creditDraft(p._id, approval, minutes, this.a, this.orgRef)
      if (credit) this.entries.push(entryDoc(credit, p, at))
    }
    this.reviewAudit(reviewer, 'approveHours', people, at, { decision: 'approve' })
  }

  reject(reviewer: string, people: Person[], reason: string, at: number): void {
    if (people.length === 0) return
    for (const person of people) {
      const p = this.part(person)
      if (p.review !== 'pending' || person.openid === reviewer) throw new Error(`seed: ${p._id} cannot be rejected`)
      this.put({ ...p, review: 'rejected', rejectReason: reason, reviewedBy: reviewer, reviewedAt: at, updatedAt: at })
    }
    this.reviewAudit(reviewer, 'rejectHours', people, at, { decision: 'reject', reason })
  }

  private reviewAudit(reviewer: string, action: string, people: Person[], at: number, detail: Record<string, unknown>): void {
    const ids = people.map((p) => participationIdFor(this.a._id, p.openid))
    this.audits.push(
      this.w.audit(`${action}|${this.a._id}|${at}`, {
        at,
        actor: reviewer,
        action: `activity.${action}`,
        target: { type: 'hours', id: ids[0] },
        orgId: this.orgRef._id,
        orgPath: this.orgRef.path,
        detail: { ...detail, items: ids.map((id) => ({ kind: 'attendance', id, ok: true, code: null })) },
      }),
    )
  }

  cancel(by: string, reason: string, at: number): void {
    if (at >= this.a.endAt || at > this.w.now || this.a.status !== 'published') throw new Error('seed: cannot cancel')
    this.a = { ...this.a, status: 'cancelled', cancelReason: reason, updatedAt: at }
    this.audits.push(
      this.w.audit(`cancel|${this.a._id}`, {
        at,
        actor: by,
        action: 'activity.cancelActivity',
        target: { type: 'activity', id: this.a._id },
        orgId: this.orgRef._id,
        orgPath: this.orgRef.path,
        detail: { reason },
      }),
    )
  }

  /** Sign-ups spread over [from, to), in order, each with a coin-flip subscription. */
  signUpAll(people: Person[], from: number, to: number): void {
    const times = people.map(() => from + Math.floor(this.r() * (to - from))).sort((x, y) => x - y)
    people.forEach((p, i) => this.signUp(p, times[i], this.r() < 0.6))
  }

  /**
   * Everyone checks in before the start (a few minutes late now and then) and out around the end,
   * by code or by location (in the fence, good accuracy), alternating.
   */
  attendAll(people: Person[]): void {
    const { startAt, endAt } = this.a
    people.forEach((p, i) => {
      const late = this.r() < 0.15
      const inAt = startAt + (late ? this.rand(5, 20) : -this.rand(3, 28)) * MIN + this.rand(0, 59) * 1000
      const outAt = endAt + this.rand(-8, 25) * MIN + this.rand(0, 59) * 1000
      this.attend(p, i % 3 === 1 ? 'geo' : 'code', inAt, outAt)
    })
  }

  attend(p: Person, method: 'code' | 'geo', inAt: number, outAt: number, inMeters?: number): void {
    if (method === 'code') this.byCode(p, 'in', inAt)
    else this.byLocation(p, 'in', inAt, inMeters ?? this.rand(10, 120), this.rand(12, 45))
    if (method === 'code') this.byCode(p, 'out', outAt)
    else this.byLocation(p, 'out', outAt, inMeters ?? this.rand(10, 150), this.rand(12, 45))
  }

  /**
   * The reminder timer's mark: once the start is an hour away, every subscribed sign-up of a published
   * activity got its reminder (remindedAt) at the first tick. Nothing else of the document changes.
   */
  private reminded(): void {
    const at = this.a.startAt - REMIND_AHEAD_MS
    if (this.a.status !== 'published' || at > this.w.now) return
    for (const p of this.parts.values()) {
      if (p.subscribed && p.status === 'signed' && p.signedAt < at) this.put({ ...p, remindedAt: at })
    }
  }

  done(): void {
    this.reminded()
    const parts = [...this.parts.values()]
    const signed = parts.filter((p) => p.status === 'signed' && !p.flags.includes('walk_in')).length
    const waitlisted = parts.filter((p) => p.status === 'waitlisted').length
    if (signed !== this.a.signed || waitlisted !== this.a.waitlisted || signed > this.a.capacity) throw new Error(`seed counters of ${this.a._id} are off`)
    this.w.activities.push({ doc: this.a, parts, scans: this.scans, entries: this.entries, audits: this.audits })
  }
}

// ---------------------------------------------------------------------------------------------
// The stories

/** `n` people of `pool` starting at `offset` (wrapping), skipping any in `not`. */
function take(pool: Person[], n: number, offset: number, not: Person[] = []): Person[] {
  const skip = new Set(not.map((p) => p.openid))
  const out: Person[] = []
  for (let i = 0; i < pool.length && out.length < n; i++) {
    const p = pool[(offset + i) % pool.length]
    if (!skip.has(p.openid)) out.push(p)
  }
  return out
}

function tell(w: World, youth: Person[], dev: Person): void {
  const yc = youth.filter((y) => y.orgId.startsWith('yc-'))
  const yuci = youth.filter((y) => y.orgId.startsWith('yuci-'))
  const runcheng = youth.filter((y) => within(y.orgId, 'yc-rc'))

  // ---- Finished, at fixed dates after the profiles were made -------------------------------------

  // 1. 秋收助农 in 润城镇: approved by 李建国 (dev-cadre) the next morning; one check-in from home rejected.
  {
    const s = new Story(
      w,
      {
        id: 'aseed0000001',
        orgId: 'yc-rc',
        kind: 'volunteer',
        title: '润城镇秋收助农志愿服务',
        description:
          '上庄村留守老人多，玉米熟了没人收。团员青年突击队帮老人掰玉米、装袋、晾晒，并帮助联系收购。\n请穿长袖、带手套和水杯，8:30在村委会集合。',
        place: PLACES.shangzhuang,
        startAt: bj('2026-09-26T08:30'),
        endAt: bj('2026-09-26T11:30'),
        signUpStartAt: bj('2026-09-18T09:00'),
        signUpEndAt: bj('2026-09-25T18:00'),
        capacity: 30,
        createdBy: CADRE,
        cover: 3,
        createdAt: bj('2026-09-17T16:20'),
        publishedAt: bj('2026-09-18T09:00'),
      },
      101,
    )
    const others = take(yc, 14, 0)
    s.signUpAll([dev, ...others], bj('2026-09-18T09:05'), bj('2026-09-25T17:00'))
    const [away, ...present] = others
    s.attendAll([dev, ...present])
    if (away) s.attend(away, 'geo', bj('2026-09-26T08:41'), bj('2026-09-26T11:36'), 2600)
    s.approve(CADRE, [dev, ...present], bj('2026-09-27T10:12'))
    if (away) s.reject(CADRE, [away], '签到定位距活动地点约2.6公里，现场签到表上也没有本人，如有误请联系镇团委。', bj('2026-09-27T10:15'))
    s.done()
  }

  // 2. “青暖农心”电商助农公益直播 by the 电商团工委: 2 益币 an hour, approved by 张书记 (dev-admin).
  {
    const s = new Story(
      w,
      {
        id: 'aseed0000002',
        orgId: 'yc-ec',
        kind: 'volunteer',
        title: '“青暖农心”电商助农公益直播',
        description:
          '团干部化身“团小花”，和电商青年一起为阳城山茱萸、蟒河猕猴桃、沁河小米直播带货。需要主播助理、场控、客服和打包发货志愿者。',
        place: PLACES.ecCenter,
        startAt: bj('2026-10-17T14:00'),
        endAt: bj('2026-10-17T17:00'),
        signUpStartAt: bj('2026-10-09T09:00'),
        signUpEndAt: bj('2026-10-16T20:00'),
        capacity: 12,
        pointsPerHour: 2,
        createdBy: YC_ADMIN,
        cover: 1,
        createdAt: bj('2026-10-08T15:40'),
        publishedAt: bj('2026-10-09T09:00'),
      },
      102,
    )
    const others = take(yc, 9, 5)
    s.signUpAll([dev, ...others], bj('2026-10-09T09:30'), bj('2026-10-16T19:00'))
    s.attendAll([dev, ...others])
    s.approve(YC_ADMIN, [dev, ...others], bj('2026-10-19T09:30'))
    s.done()
  }

  // 3. 文明城市创建 in 锦纶街道 (榆次): some checked in by the organizer's scans, synced once signal returned.
  {
    const s = new Story(
      w,
      {
        id: 'aseed0000003',
        orgId: 'yuci-jl',
        kind: 'volunteer',
        title: '锦纶街道文明城市创建志愿服务',
        description: '“志愿红”进社区：文明交通劝导、清理楼道小广告、垃圾分类宣传。9点在锦纶社区文明实践站领取马甲和工具。',
        place: PLACES.jinlun,
        startAt: bj('2026-10-24T09:00'),
        endAt: bj('2026-10-24T12:00'),
        signUpStartAt: bj('2026-10-16T09:00'),
        signUpEndAt: bj('2026-10-23T20:00'),
        capacity: 25,
        createdBy: YUCI_ADMIN,
        createdAt: bj('2026-10-15T10:05'),
        publishedAt: bj('2026-10-16T09:00'),
      },
      103,
    )
    const people = take(yuci, 16, 0)
    s.signUpAll(people, bj('2026-10-16T09:10'), bj('2026-10-23T19:00'))
    const scanned = people.slice(0, 3)
    const selves = people.slice(3)
    s.attendAll(selves)
    s.syncScans(
      YUCI_ADMIN,
      scanned.map((p, i) => ({ p, kind: 'in' as const, scannedAt: bj('2026-10-24T08:46') + i * 70_000 })),
      bj('2026-10-24T09:31'),
    )
    s.syncScans(
      YUCI_ADMIN,
      scanned.map((p, i) => ({ p, kind: 'out' as const, scannedAt: bj('2026-10-24T12:02') + i * 50_000 })),
      bj('2026-10-24T12:06'),
    )
    s.approve(YUCI_ADMIN, people, bj('2026-10-26T15:20'))
    s.done()
  }

  // 4. “七彩四点半” in 润城镇: everyone checked out, all waiting for dev-cadre; one outside the fence, one short.
  {
    const s = new Story(
      w,
      {
        id: 'aseed0000004',
        orgId: 'yc-rc',
        kind: 'volunteer',
        title: '关爱留守儿童“七彩四点半”课堂',
        description: '放学后的四点半，陪留守儿童写作业、读绘本、做手工。需要有耐心的哥哥姐姐，师范生和有教学经验者优先。',
        place: PLACES.runchengSchool,
        startAt: bj('2026-11-20T16:30'),
        endAt: bj('2026-11-20T18:30'),
        signUpStartAt: bj('2026-11-12T09:00'),
        signUpEndAt: bj('2026-11-20T12:00'),
        capacity: 15,
        createdBy: CADRE,
        cover: 0,
        createdAt: bj('2026-11-11T17:30'),
        publishedAt: bj('2026-11-12T09:00'),
      },
      104,
    )
    const others = take(yc, 8, 3)
    s.signUpAll([dev, ...others], bj('2026-11-12T09:20'), bj('2026-11-20T11:00'))
    const [outside, short, ...rest] = others
    s.attendAll([dev, ...rest])
    if (outside) s.attend(outside, 'geo', bj('2026-11-20T16:22'), bj('2026-11-20T18:34'), 820)
    if (short) s.attend(short, 'code', bj('2026-11-20T17:41'), bj('2026-11-20T18:31'))
    s.done()
  }

  // ---- Relative to now ----------------------------------------------------------------------------

  const now = w.now
  const today = startOfShanghaiDay(now)
  const day = (n: number, hhmm: string) => today + n * DAY + Number(hhmm.slice(0, 2)) * HOUR + Number(hhmm.slice(3)) * MIN

  // 5. Happening now in 润城镇: started an hour ago, check-in open, six of ten checked in. Whoever
  //    starts the app at night finds a night patrol rather than a river clean-up at 3 a.m.
  {
    const startAt = Math.floor(now / (30 * MIN)) * 30 * MIN - 60 * MIN
    const hour = Number(splitShanghai(startAt).time.slice(0, 2))
    const daytime = hour >= 6 && hour < 19
    const s = new Story(
      w,
      {
        id: 'aseed0000005',
        orgId: 'yc-rc',
        kind: 'volunteer',
        ...(daytime
          ? {
              title: '沁河润城段河道清理',
              description: '沿沁河润城段捡拾垃圾、清理河滩杂物，守护母亲河。镇里提供垃圾袋、夹子和手套，请穿防滑鞋。',
              place: PLACES.qinhe,
            }
          : {
              title: '润城镇平安夜巡志愿服务',
              description: '青年突击队和派出所民警一起夜间巡逻：查看沿街商铺门窗、提醒用火用电安全、帮助夜归群众。请穿反光背心，带好手电。',
              place: PLACES.runchengStreet,
            }),
        startAt,
        endAt: startAt + 4 * HOUR,
        signUpStartAt: day(-6, '09:00'),
        signUpEndAt: startAt - 2 * HOUR,
        capacity: 20,
        createdBy: CADRE,
        cover: daytime ? 1 : 2, // fields by day, the winter-blue night otherwise
        createdAt: day(-7, '15:00'),
        publishedAt: day(-6, '09:00'),
      },
      105,
    )
    const people = take(yc, 10, 20)
    s.signUpAll(people, day(-6, '09:10'), startAt - 3 * HOUR)
    people.slice(0, 6).forEach((p, i) => {
      const at = startAt - 25 * MIN + i * 7 * MIN + s.rand(0, 59) * 1000
      if (i % 2 === 0) s.byCode(p, 'in', at)
      else s.byLocation(p, 'in', at, s.rand(20, 200), s.rand(10, 40))
    })
    s.done()
  }

  // 6. “深夜爱心食堂” at the toll gate: full, three on the waitlist (one place freed and promoted).
  {
    const s = new Story(
      w,
      {
        id: 'aseed0000006',
        orgId: 'yc',
        kind: 'volunteer',
        title: '“深夜爱心食堂”夜宵志愿服务',
        description:
          '团县委联合爱心企业在高速卡口开办“深夜爱心食堂”，为夜间执勤人员和过往货车司机送上热乎的夜宵。需要备餐、分餐和登记志愿者，名额有限。',
        place: PLACES.tollGate,
        startAt: day(2, '20:00'),
        endAt: day(2, '23:30'),
        signUpStartAt: day(-4, '09:00'),
        signUpEndAt: day(2, '12:00'),
        capacity: 8,
        pointsPerHour: 2,
        createdBy: YC_ADMIN,
        cover: 2,
        createdAt: day(-5, '11:00'),
        publishedAt: day(-4, '09:00'),
      },
      106,
    )
    const people = take(yc, 12, 40)
    s.signUpAll(people, day(-4, '09:01'), day(-1, '20:00'))
    if (people.length > 8) s.cancelSignUp(people[2], day(-1, '21:10'))
    s.done()
  }

  // 7. 应急救援队 training on the 潇河 (榆次).
  {
    const s = new Story(
      w,
      {
        id: 'aseed0000007',
        orgId: 'yuci',
        kind: 'training',
        title: '应急救援队水域救援技能培训',
        description: '区应急救援队教官带训：抛绳救援、救生衣穿戴、心肺复苏。退伍军人、有救援技能的青年优先，培训合格可加入应急救援队。',
        place: PLACES.xiaohe,
        startAt: day(4, '09:00'),
        endAt: day(4, '12:00'),
        signUpStartAt: day(-3, '09:00'),
        signUpEndAt: day(3, '18:00'),
        capacity: 40,
        checkInModes: ['code', 'scan'],
        createdBy: YUCI_ADMIN,
        createdAt: day(-3, '08:30'),
        publishedAt: day(-3, '09:00'),
      },
      107,
    )
    s.signUpAll(take(yuci, 12, 20), day(-3, '09:30'), today - 30 * MIN)
    s.done()
  }

  // 8. The next “七彩四点半” for 润城镇 youth only; 王晓青 has signed up.
  {
    const s = new Story(
      w,
      {
        id: 'aseed0000008',
        orgId: 'yc-rc',
        kind: 'volunteer',
        title: '“七彩四点半”课堂：作业辅导与安全教育',
        description: '第二期“七彩四点半”：上半场作业辅导，下半场冬季防火、防溺水安全小课堂。面向润城镇团员青年。',
        place: PLACES.runchengSchool,
        startAt: day(6, '16:30'),
        endAt: day(6, '18:30'),
        signUpStartAt: day(-2, '09:00'),
        signUpEndAt: day(6, '12:00'),
        capacity: 15,
        audience: { type: 'org', orgId: 'yc-rc' },
        createdBy: CADRE,
        cover: 0,
        createdAt: day(-2, '08:40'),
        publishedAt: day(-2, '09:00'),
      },
      108,
    )
    s.signUpAll([dev, ...take(runcheng, 5, 0)], day(-2, '09:15'), today - 30 * MIN)
    s.done()
  }

  // 9. 电商技能培训 at the 青年之家 flagship.
  {
    const s = new Story(
      w,
      {
        id: 'aseed0000009',
        orgId: 'yc-ec',
        kind: 'training',
        title: '电商技能培训：短视频拍摄与剪辑',
        description: '“青春阳城”抖音号运营老师手把手教：手机拍摄构图、剪映剪辑、带货短视频脚本。请自带手机，待业青年优先。',
        place: PLACES.youthHome,
        startAt: day(9, '14:30'),
        endAt: day(9, '17:30'),
        signUpStartAt: day(-1, '09:00'),
        signUpEndAt: day(8, '18:00'),
        capacity: 30,
        createdBy: YC_ADMIN,
        cover: 3,
        createdAt: day(-1, '08:00'),
        publishedAt: day(-1, '09:00'),
      },
      109,
    )
    s.signUpAll(take(yc, 17, 60), day(-1, '09:05'), today - 10 * MIN)
    s.done()
  }

  // 10. 团代表联络站 进站活动 in 锦纶街道, for 榆次 youth.
  {
    const s = new Story(
      w,
      {
        id: 'aseed0000010',
        orgId: 'yuci-jl',
        kind: 'station',
        title: '团代表联络站进站活动：青年议事会',
        description: '团代表和委员进站面对面听意见：就业创业、社区服务、青年婚恋交友，想说什么都可以。现场可填写征集意见表。',
        place: PLACES.jinlunStation,
        startAt: day(12, '19:00'),
        endAt: day(12, '21:00'),
        signUpStartAt: day(-2, '10:00'),
        signUpEndAt: day(12, '12:00'),
        capacity: 40,
        audience: { type: 'org', orgId: 'yuci' },
        createdBy: YUCI_ADMIN,
        createdAt: day(-2, '09:30'),
        publishedAt: day(-2, '10:00'),
      },
      110,
    )
    s.signUpAll(take(yuci, 9, 40), day(-2, '10:30'), today - 20 * MIN)
    s.done()
  }

  // 11. A draft 读书分享会 dev-cadre has not published yet.
  {
    const s = new Story(
      w,
      {
        id: 'aseed0000011',
        orgId: 'yc-rc',
        kind: 'youth_home',
        title: '青年之家读书分享会：《平凡的世界》',
        description: '冬日午后，一起聊聊孙少平和孙少安。可带自己喜欢的书来交换。',
        place: PLACES.runchengYouthHome,
        startAt: day(16, '14:00'),
        endAt: day(16, '16:00'),
        signUpStartAt: day(8, '09:00'),
        signUpEndAt: day(15, '18:00'),
        capacity: 25,
        createdBy: CADRE,
        createdAt: day(-1, '16:40'),
        publishedAt: null,
      },
      111,
    )
    s.done()
  }

  // 12. 社区防疫消杀 in 北关街道, cancelled for the weather; the sign-ups stay as they were.
  {
    const s = new Story(
      w,
      {
        id: 'aseed0000012',
        orgId: 'yuci-bg',
        kind: 'volunteer',
        title: '北关街道社区环境消杀志愿服务',
        description: '协助社区对楼道、垃圾站、健身器材进行消杀，入户发放冬季传染病防控宣传单。',
        place: PLACES.beiguan,
        startAt: day(3, '09:00'),
        endAt: day(3, '11:30'),
        signUpStartAt: day(-5, '09:00'),
        signUpEndAt: day(2, '18:00'),
        capacity: 20,
        createdBy: YUCI_ADMIN,
        createdAt: day(-6, '14:00'),
        publishedAt: day(-5, '09:00'),
      },
      112,
    )
    s.signUpAll(take(yuci, 6, 60), day(-5, '09:30'), day(-1, '12:00'))
    s.cancel(YUCI_ADMIN, '受大风橙色预警影响，本次活动取消，改期另行通知。', day(-1, '17:30'))
    s.done()
  }

  // ---- 王晓青's 荣誉时长: service before she used the app, declared and approved by dev-cadre -------
  {
    const o = org('yc-rc')
    const createdAt = bj('2026-10-19T20:15')
    const reviewedAt = bj('2026-10-21T09:10')
    const doc: DeclarationDoc = {
      _id: `dc_${sha256('tq-seed-declaration|dev-youth|1').slice(0, 20)}`,
      openid: dev.openid,
      userId: dev.userId,
      userName: dev.userName,
      orgId: 'yc-rc',
      title: '润城镇敬老院重阳节慰问志愿服务',
      date: '2026-10-18',
      minutes: 180,
      evidenceText: '10月18日上午在润城镇敬老院陪老人包饺子、打扫房间、表演节目，共3小时。敬老院院长可证明，镇团委工作群有活动照片。',
      photos: [],
      review: 'approved',
      approvedMinutes: 180,
      approvals: 1,
      reviewedBy: CADRE,
      reviewedAt,
      rejectReason: null,
      createdAt,
    }
    const audit = w.audit(`approveHours|${doc._id}`, {
      at: reviewedAt,
      actor: CADRE,
      action: 'activity.approveHours',
      target: { type: 'hours', id: doc._id },
      orgId: o._id,
      orgPath: o.path,
      detail: { decision: 'approve', items: [{ kind: 'declaration', id: doc._id, ok: true, code: null }] },
    })
    w.declarations.push({ doc, audits: [audit] })
  }

  // ---- A 润城镇 youth's declaration with two photos, waiting in 李建国's review queue -------------
  const declarer = runcheng[0]
  if (declarer) {
    const key = `tq-seed-declaration|${declarer.openid}|1`
    const photos = [0, 1].map((i) => w.picture(declarer.openid, `${key}|photo|${i}`, i + 1)).filter((f): f is string => f !== null)
    const doc = pendingDeclaration({
      _id: `dc_${sha256(key).slice(0, 20)}`,
      openid: declarer.openid,
      userId: declarer.userId,
      userName: declarer.userName,
      orgId: declarer.orgId,
      title: '帮村里老人抢收晾晒玉米',
      date: '2026-11-14',
      minutes: 240,
      evidenceText: '周末回村，和邻居一起帮三户留守老人抢收、晾晒玉米，共4小时。照片是晾晒场和装袋后的玉米。',
      photos,
      createdAt: bj('2026-11-15T19:40'),
    })
    w.declarations.push({ doc, audits: [] })
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

export interface ActivitySeedSummary {
  /** Activities and participations in the demo world. */
  activities: number
  participations: number
  /** Activities written by this run (0 when they were all there already). */
  written: number
}

/** The finished activities' last event; a clock before it cannot have seen their story. */
export const SEED_HISTORY_END = bj('2026-11-21T00:00')

/**
 * Writes the activity world into the store. `youth` are the generated youth whose profiles seed()
 * upserted (participants come from them; dev-youth always takes part). Deterministic for a given
 * `now`, idempotent, and it never overwrites a document that is already there (see the top).
 */
export function seedActivities(store: SeedStore, secrets: Secrets, now: number, youth: SeedYouth[] = [], picture: SeedPictures = () => null): ActivitySeedSummary {
  const person = (y: { openid: string; realName: string; orgId: string }): Person => ({
    openid: y.openid,
    userId: userIdFor(secrets, y.openid),
    userName: y.realName,
    orgId: y.orgId,
  })
  if (!(now >= SEED_HISTORY_END)) throw new Error(`seedActivities: now (${new Date(now).toISOString()}) is before the seeded history ends; is the clock right?`)
  const w = new World(secrets, now, picture)
  tell(w, youth.map(person), person(DEV_YOUTH))

  const written = writeWorld(store, w)
  return { activities: w.activities.length, participations: w.activities.reduce((n, u) => n + u.parts.length, 0), written }
}

/**
 * Writes a told world into the store: each activity with its whole story, only where the activity is
 * absent, and the cached totals moved by what was inserted. Answers how many activities it wrote.
 * The stations' year (./stations.ts) is told into a world of its own and written the same way.
 */
export function writeWorld(store: SeedStore, w: World): number {
  let written = 0
  const absent = (coll: string, id: string) => !store.get(coll, id)
  const insert = (coll: string, doc: { _id: string }) => {
    if (!absent(coll, doc._id)) return false
    store.upsert(coll, { ...doc })
    return true
  }
  // The caches move by what was inserted, through the rules the actions move them by (movedTotals, applyEntries).
  const hourTotals = new Map<string, HourTotalsDoc>()
  const addMinutes = (userId: string, kind: 'attended' | 'declared', n: number, at: number) => {
    const t = hourTotals.get(userId) ?? (store.get(COLLECTIONS.hourTotals, userId) as HourTotalsDoc | null | undefined) ?? emptyTotals(userId, at)
    hourTotals.set(userId, movedTotals(t, { [kind]: n }, Math.max(t.updatedAt, at)))
  }
  const accounts = new Map<string, AccountDoc>()
  const post = (e: LedgerEntryDoc) => {
    const a = accounts.get(e.accountId) ?? (store.get(COLLECTIONS.accounts, e.accountId) as AccountDoc | null | undefined) ?? null
    accounts.set(e.accountId, { _id: e.accountId, openid: e.openid, ...applyEntries(a ?? EMPTY_TOTALS, [e], e.at), updatedAt: Math.max(a?.updatedAt ?? 0, e.at) })
  }

  for (const unit of w.activities) {
    // The activity is the unit: once it exists, people may have signed up, checked in or been
    // reviewed since, so neither it nor anything of its story is written again.
    if (!absent(COLLECTIONS.activities, unit.doc._id)) continue
    for (const p of unit.parts) {
      if (!insert(COLLECTIONS.participations, p)) continue
      if (p.review === 'approved') addMinutes(p.userId, 'attended', p.approvedMinutes, p.reviewedAt!)
    }
    for (const s of unit.scans) insert(COLLECTIONS.scans, s)
    for (const e of unit.entries) if (insert(COLLECTIONS.ledgerEntries, e)) post(e)
    for (const a of unit.audits) insert(COLLECTIONS.auditLogs, a)
    // Last, so a run cut short is completed by the next one.
    store.upsert(COLLECTIONS.activities, { ...unit.doc })
    written++
  }
  for (const { doc, audits } of w.declarations) {
    if (!insert(COLLECTIONS.declarations, doc)) continue
    if (doc.review === 'approved') addMinutes(doc.userId, 'declared', doc.approvedMinutes, doc.reviewedAt!)
    for (const a of audits) insert(COLLECTIONS.auditLogs, a)
  }

  for (const t of hourTotals.values()) store.upsert(COLLECTIONS.hourTotals, { ...t })
  for (const a of accounts.values()) store.upsert(COLLECTIONS.accounts, { ...a })
  return written
}
