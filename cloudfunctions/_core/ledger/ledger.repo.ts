import { COLLECTIONS } from '../runtime/collections'
import { findById, findByIds, readAll, txGet, type Db, type Tx } from '../runtime/db'
import { applyEntries, EMPTY_TOTALS, type AccountDoc, type EntryDraft, type LedgerEntryDoc } from './ledger.rules'

const ACCOUNTS = COLLECTIONS.accounts
const ENTRIES = COLLECTIONS.ledgerEntries

/** Posting an id that already exists means the effect was already applied: a caller's bug, never silently doubled. */
export class DuplicateEntryError extends Error {
  constructor(readonly entryId: string) {
    super(`ledger entry ${entryId} already exists`)
    this.name = 'DuplicateEntryError'
  }
}

export function getAccount(db: Db, userId: string): Promise<AccountDoc | null> {
  return findById<AccountDoc>(db, ACCOUNTS, userId)
}

/** An entry by id inside a transaction: how an idempotent poster learns the effect is already there. */
export function txGetEntry(tx: Tx, id: string): Promise<LedgerEntryDoc | null> {
  return txGet<LedgerEntryDoc>(tx, ENTRIES, id)
}

/**
 * Posts entries and moves the account's cached totals with them, inside the caller's transaction.
 * Refuses a duplicate id and a negative resulting balance (POINTS.INSUFFICIENT) before writing
 * anything. Entries are only ever inserted: nothing here updates or removes one.
 */
export async function postEntries(
  tx: Tx,
  owner: { userId: string; openid: string },
  drafts: EntryDraft[],
  now: number,
): Promise<AccountDoc> {
  const current = await txGet<AccountDoc>(tx, ACCOUNTS, owner.userId)
  const totals = applyEntries(current ?? EMPTY_TOTALS, drafts)
  for (const d of drafts) {
    if (await txGetEntry(tx, d._id)) throw new DuplicateEntryError(d._id)
  }
  for (const { _id, ...rest } of drafts) {
    const entry: Omit<LedgerEntryDoc, '_id'> = { ...rest, accountId: owner.userId, openid: owner.openid, at: now }
    await tx.collection(ENTRIES).doc(_id).set({ data: entry })
  }
  const account: AccountDoc = { _id: owner.userId, openid: owner.openid, ...totals, updatedAt: now }
  const { _id, ...fields } = account
  await tx.collection(ACCOUNTS).doc(_id).set({ data: fields })
  return account
}

/** An account's entries, in no particular order. */
export async function entriesOf(db: Db, userId: string): Promise<LedgerEntryDoc[]> {
  return readAll<LedgerEntryDoc>(db, ENTRIES, { accountId: userId })
}

export function getEntries(db: Db, ids: string[]): Promise<Map<string, LedgerEntryDoc>> {
  return findByIds<LedgerEntryDoc>(db, ENTRIES, ids)
}
