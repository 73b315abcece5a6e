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
