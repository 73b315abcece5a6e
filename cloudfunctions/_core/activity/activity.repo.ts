import { createHash } from 'node:crypto'
import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { findById, type Db } from '../runtime/db'
import type { ActivityDoc, ParticipationDoc } from './activity.rules'

/** One participation per (activity, youth): its id is derived from both, so a second insert is a duplicate. */
export function participationIdFor(activityId: string, openid: string): string {
  return `pt_${createHash('sha256').update(`${activityId}|${openid}`).digest('base64url').slice(0, 24)}`
}

export function getActivity(db: Db, id: string): Promise<ActivityDoc | null> {
  return findById<ActivityDoc>(db, COLLECTIONS.activities, id)
}

export async function requireActivity(db: Db, id: string): Promise<ActivityDoc> {
  const a = await getActivity(db, id)
  if (!a) throw new AppError('ACTIVITY.NOT_FOUND')
  return a
}

export function getParticipation(db: Db, id: string): Promise<ParticipationDoc | null> {
  return findById<ParticipationDoc>(db, COLLECTIONS.participations, id)
}
