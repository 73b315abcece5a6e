import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { transaction, txGet, type Db, type Tx } from '../runtime/db'
import type { ProfileDoc } from './profile.rules'

/**
 * One phone and one ID number per account (docs/domain.md): each number is claimed by a document
 * whose id is the number's keyed hash, written in the same transaction as the profile. Two accounts
 * taking the same number write the same claim document, so one of them conflicts, retries and finds
 * the number taken. A profile that changes its number releases the old claim in that transaction.
 */

const CLAIMS = COLLECTIONS.identityClaims
const PROFILES = COLLECTIONS.profiles

export type ClaimKind = 'phone' | 'id'

export interface ClaimDoc {
  _id: string
  kind: ClaimKind
  userId: string
  claimedAt: number
}

type Numbers = Pick<ProfileDoc, 'phoneHash' | 'idHash'>

export function claimIdFor(kind: ClaimKind, hash: string): string {
  return `${kind}_${hash}`
}

const TAKEN = { phone: 'USER.PHONE_TAKEN', id: 'USER.ID_TAKEN' } as const
const HASH_FIELD = { phone: 'phoneHash', id: 'idHash' } as const

function hashesOf(p: Numbers | null): { kind: ClaimKind; hash: string }[] {
  if (!p) return []
  return [
    { kind: 'phone' as const, hash: p.phoneHash },
    { kind: 'id' as const, hash: p.idHash },
  ].filter((h): h is { kind: ClaimKind; hash: string } => !!h.hash)
}

/**
 * Who holds a number: its claim, or else a profile carrying its hash (profiles written before claims
 * existed, or by the demo seed, have none; the profile itself is then the evidence).
 */
async function holderOf(tx: Tx, db: Db, kind: ClaimKind, hash: string, userId: string): Promise<{ claim: ClaimDoc | null; holder: string | null }> {
  const claim = await txGet<ClaimDoc>(tx, CLAIMS, claimIdFor(kind, hash))
  if (claim) return { claim, holder: claim.userId }
  const res = await db.collection(PROFILES).where({ [HASH_FIELD[kind]]: hash }).limit(2).get()
  const other = (res.data as ProfileDoc[]).find((p) => p._id !== userId)
  return { claim: null, holder: other?._id ?? null }
}

/** Inside the caller's transaction: claims `next`'s numbers for `userId` and releases those of `prev` it no longer uses. */
async function moveClaims(tx: Tx, db: Db, userId: string, prev: Numbers | null, next: Numbers, now: number): Promise<void> {
  const kept = new Set<string>()
  for (const { kind, hash } of hashesOf(next)) {
    const id = claimIdFor(kind, hash)
    kept.add(id)
    const { claim, holder } = await holderOf(tx, db, kind, hash, userId)
    if (holder && holder !== userId) throw new AppError(TAKEN[kind])
    if (!claim) await tx.collection(CLAIMS).doc(id).set({ data: { kind, userId, claimedAt: now } satisfies Omit<ClaimDoc, '_id'> })
  }
  for (const { kind, hash } of hashesOf(prev)) {
    const id = claimIdFor(kind, hash)
    if (kept.has(id)) continue
    const claim = await txGet<ClaimDoc>(tx, CLAIMS, id)
    if (claim?.userId === userId) await tx.collection(CLAIMS).doc(id).remove()
  }
}

/** A new profile and its claims, exactly once: a second registration of the account is ALREADY_REGISTERED. */
export function insertProfileClaiming(db: Db, doc: ProfileDoc): Promise<void> {
  return transaction(db, async (tx) => {
    if (await txGet(tx, PROFILES, doc._id)) throw new AppError('USER.ALREADY_REGISTERED')
    await moveClaims(tx, db, doc._id, null, doc, doc.createdAt)
    const { _id, ...data } = doc
    await tx.collection(PROFILES).doc(_id).set({ data })
  })
}

/**
 * Changes a profile and moves its claims in one transaction, re-reading the profile there so a
 * concurrent change conflicts instead of being overwritten. Answers the profile as written.
 */
export function updateProfileClaiming(db: Db, userId: string, fields: Partial<ProfileDoc>, now: number): Promise<ProfileDoc> {
  return transaction(db, async (tx) => {
    const fresh = await txGet<ProfileDoc>(tx, PROFILES, userId)
    if (!fresh) throw new AppError('USER.NOT_REGISTERED')
    const next: ProfileDoc = { ...fresh, ...fields, _id: userId }
    await moveClaims(tx, db, userId, fresh, next, now)
    const { _id, ...data } = next
    await tx.collection(PROFILES).doc(userId).set({ data })
    return next
  })
}
