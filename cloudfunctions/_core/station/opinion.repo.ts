import type { OpinionFigures } from '../../../types/contract/station'
import type { Db } from '../runtime/db'
import type { z } from 'zod'

/** The opinion loop's figures for a venue in a year: received, replied, median time to reply, satisfaction. */
export async function opinionFigures(_db: Db, _where: { venueId: string }, _year: number, _now: number): Promise<z.infer<typeof OpinionFigures>> {
  return { received: 0, replied: 0, closed: 0, overdue: 0, medianReplyHours: null, satisfaction: null, rated: 0 }
}
