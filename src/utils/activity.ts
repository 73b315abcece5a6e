import type { ActivityCardT, ActivityViewT, ParticipationViewT } from '../../types/contract/activities'
import { ACTIVITY_STATUS_LABEL, STAR_HOURS, type ActivityStatus } from '../../types/enums'
import { formatTime, hoursText } from './time'

/** The colours of ToneTag, without importing the component into pure code. */
export type ToneName = 'red' | 'blue' | 'orange' | 'green' | 'grey'

export interface Label {
  text: string
  tone: ToneName
}

/** 350米 / 1.2公里 */
export function distanceText(metres: number | null): string {
  if (metres === null || metres < 0) return ''
  if (metres < 1000) return `${Math.round(metres)}米`
  return `${(Math.round(metres / 100) / 10).toFixed(1).replace(/\.0$/, '')}公里`
}

/** Where a participation stands, in the words a youth expects (已报名 / 候补第N位 / 已签到 14:05 / …). */
export function participationLabel(p: ParticipationViewT): Label {
  if (p.status === 'cancelled') return { text: '已取消报名', tone: 'grey' }
  if (p.status === 'waitlisted') return { text: p.waitlistPosition ? `候补第${p.waitlistPosition}位` : '候补中', tone: 'orange' }
  if (p.review === 'approved') return { text: `已通过 ${hoursText(p.approvedMinutes)}小时`, tone: 'green' }
  if (p.review === 'rejected') return { text: '未通过审核', tone: 'red' }
  if (p.review === 'pending') return { text: '待审核', tone: 'orange' }
  if (p.checkOutAt) return { text: `已签退 ${formatTime(p.checkOutAt)}`, tone: 'blue' }
  if (p.checkInAt) return { text: `已签到 ${formatTime(p.checkInAt)}`, tone: 'blue' }
  return { text: '已报名', tone: 'red' }
}

const STATUS_TONE: Record<ActivityStatus, ToneName> = { draft: 'grey', published: 'green', cancelled: 'red' }

export function activityStatusLabel(status: ActivityStatus): Label {
  return { text: ACTIVITY_STATUS_LABEL[status], tone: STATUS_TONE[status] }
}

/** 报名中 / 已满（可候补）/ 报名已截止 — what the card says about signing up. */
export function signUpLabel(a: Pick<ActivityCardT, 'status' | 'signUpEndAt' | 'startAt' | 'capacity' | 'signed'> & { waitlist?: boolean }, now: number): Label | null {
  if (a.status === 'cancelled') return { text: '已取消', tone: 'red' }
  if (a.status !== 'published') return null
  if (now > a.signUpEndAt) return { text: now > a.startAt ? '进行中' : '报名已截止', tone: 'grey' }
  if (a.signed >= a.capacity) return { text: a.waitlist === false ? '名额已满' : '已满 可候补', tone: 'orange' }
  return { text: '报名中', tone: 'green' }
}

export interface Phases {
  signUpOpen: boolean
  beforeStart: boolean
  checkInOpen: boolean
  checkOutOpen: boolean
  ended: boolean
}

/** Which windows are open now (the server decides again with its own clock). */
export function phasesOf(a: ActivityViewT, now: number): Phases {
  const live = a.status === 'published'
  return {
    signUpOpen: live && now >= a.signUpStartAt && now <= a.signUpEndAt,
    beforeStart: now < a.startAt,
    checkInOpen: live && now >= a.checkInOpensAt && now <= a.checkInClosesAt,
    checkOutOpen: live && now >= a.startAt && now <= a.checkOutClosesAt,
    ended: now > a.endAt,
  }
}

export type NextStep = 'signUp' | 'waitlist' | 'full' | 'checkIn' | 'walkIn' | 'checkOut' | null

/** The one main button of the detail page, if any. */
export function nextStep(a: ActivityViewT, mine: ParticipationViewT | null, now: number): NextStep {
  const ph = phasesOf(a, now)
  const active = mine && mine.status !== 'cancelled' ? mine : null
  if (active?.status === 'signed') {
    if (!active.checkInAt && ph.checkInOpen) return 'checkIn'
    if (active.checkInAt && !active.checkOutAt && ph.checkOutOpen) return 'checkOut'
    return null
  }
  if (active) return null // waitlisted: nothing to do but wait
  if (ph.signUpOpen) {
    if (a.signed < a.capacity) return 'signUp'
    return a.waitlist ? 'waitlist' : 'full'
  }
  if (a.walkIn && ph.checkInOpen) return 'walkIn'
  return null
}

/** Before the start a youth may still withdraw. */
export function canCancelSignUp(a: ActivityViewT, mine: ParticipationViewT | null, now: number): boolean {
  return !!mine && (mine.status === 'signed' || mine.status === 'waitlisted') && !mine.checkInAt && now < a.startAt && a.status === 'published'
}

/**
 * The code as scanned: the bare token, or a link / mini-program path that carries it as `code=` or
 * `scene=` (a board printed as a mini-program code).
 */
export function codeFromScan(text: string): string {
  const t = text.trim()
  // The board's 6 digits, typed as shown ("042 917") or with other separators.
  const digits = t.replace(/[\s-]/g, '')
  if (/^[0-9]{6}$/.test(digits)) return digits
  const m = /[?&](?:code|scene)=([^&#]+)/.exec(t)
  if (m) {
    try {
      return decodeURIComponent(m[1]).trim()
    } catch {
      return m[1].trim()
    }
  }
  return t
}

/** 待审核 / 已通过 / 未通过; nothing while a record is not yet up for review. */
export function reviewLabel(review: 'none' | 'pending' | 'approved' | 'rejected'): Label | null {
  if (review === 'pending') return { text: '待审核', tone: 'orange' }
  if (review === 'approved') return { text: '已通过', tone: 'green' }
  if (review === 'rejected') return { text: '未通过', tone: 'red' }
  return null
}

/** Share of the way from the current star's threshold to the next one, 0–100 (100 at five stars). */
export function starPercent(p: { stars: number; totalMinutes: number; next: { minutes: number } | null }): number {
  if (!p.next) return 100
  const from = p.stars > 0 ? STAR_HOURS[p.stars - 1] * 60 : 0
  const span = p.next.minutes - from
  if (span <= 0) return 0
  return Math.max(0, Math.min(100, Math.round(((p.totalMinutes - from) / span) * 100)))
}
