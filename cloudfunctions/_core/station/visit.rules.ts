/**
 * 进站接待: a representative's or committee member's visit at a station, begun by scanning (or typing)
 * the station's rotating door code and ended by the visitor or, past the longest visit, by the sweep.
 */
export interface VisitDoc {
  _id: string
  venueId: string
  /** The station's org and the orgs above it (cadres over any of them see the visit). */
  underOrgs: string[]
  userId: string
  openid: string
  name: string
  post: 'representative' | 'committee'
  startedAt: number
  /** Null while the visitor is in the station. */
  endedAt: number | null
  minutes: number | null
  autoEnded: boolean
  /** The door code's step that began it (evidence, as a check-in's step). */
  step: number
}

/** The longest a visit runs: one still open after this is ended by the sweep, at this length. */
export const MAX_VISIT_HOURS = 8
export const MAX_VISIT_MS = MAX_VISIT_HOURS * 3600_000

/**
 * How a visit ends when its visitor leaves at `now`: the whole minutes since it began; past the
 * longest visit it ends as the sweep would have ended it (at the longest visit, autoEnded), so a
 * forgotten check-out never counts a night in the station.
 */
export function visitEnd(startedAt: number, now: number): { endedAt: number; minutes: number; autoEnded: boolean } {
  if (now - startedAt > MAX_VISIT_MS) return { endedAt: startedAt + MAX_VISIT_MS, minutes: MAX_VISIT_HOURS * 60, autoEnded: true }
  const endedAt = Math.max(now, startedAt)
  return { endedAt, minutes: Math.floor((endedAt - startedAt) / 60_000), autoEnded: false }
}

/**
 * Of a person's open visits at one station — more than one only when two check-ins raced across a
 * code step — the one that stands: the earliest, then the lowest id, so every racer picks the same.
 */
export function standingVisit<T extends Pick<VisitDoc, '_id' | 'startedAt'>>(open: T[]): T | null {
  return [...open].sort((a, b) => a.startedAt - b.startedAt || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))[0] ?? null
}

/**
 * The station a scanned door code names (`<venueId>.<step36>.<mac12>`), or null for anything not
 * shaped like one; the code itself is verified against the station's secret afterwards.
 */
export function doorCodeVenue(code: string): string | null {
  const parts = code.split('.')
  return parts.length === 3 && /^[A-Za-z0-9_-]{1,64}$/.test(parts[0]) ? parts[0] : null
}

export function toVisitView(v: VisitDoc, venueName: string) {
  return {
    id: v._id,
    venueId: v.venueId,
    venueName,
    userId: v.userId,
    name: v.name,
    startedAt: v.startedAt,
    endedAt: v.endedAt,
    minutes: v.minutes,
    autoEnded: v.autoEnded,
  }
}
