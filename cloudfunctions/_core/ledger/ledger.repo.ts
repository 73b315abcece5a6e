import { COLLECTIONS } from '../runtime/collections'
import { findById, findByIds, transaction, txGet, type Db, type Tx } from '../runtime/db'
import { collectionSource, keysetPage, type PageRequest, type PageResult } from '../runtime/paging'
import { applyEntries, entryDoc, totalsOf, zeroByKind, type AccountDoc, type EntryDraft, type EntryKind, type LedgerEntryDoc } from './ledger.rules'

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
 * Refuses a duplicate id and a debit beyond the balance (POINTS.INSUFFICIENT) before writing
 * anything; a reversal is always posted (see applyEntries). Entries are only ever inserted: nothing here updates or removes one.
 */
export async function postEntries(
  tx: Tx,
  owner: { userId: string; openid: string },
  drafts: EntryDraft[],
  now: number,
): Promise<AccountDoc> {
  const current = await txGet<AccountDoc>(tx, ACCOUNTS, owner.userId)
  const totals = applyEntries(current ?? {}, drafts, now)
  for (const d of drafts) {
    if (await txGetEntry(tx, d._id)) throw new DuplicateEntryError(d._id)
  }
  for (const d of drafts) {
    const { _id, ...entry } = entryDoc(d, owner, now)
    await tx.collection(ENTRIES).doc(_id).set({ data: entry })
  }
  // What else the account holds (the reminder choice) stays as it was.
  const account: AccountDoc = { ...current, _id: owner.userId, openid: owner.openid, ...totals, updatedAt: now }
  const { _id, ...fields } = account
  await tx.collection(ACCOUNTS).doc(_id).set({ data: fields })
  return account
}

/** A page of an account's entries, newest first, read by the (accountId, at) index. */
export function entriesPage(db: Db, userId: string, page: PageRequest): Promise<PageResult<LedgerEntryDoc>> {
  const source = collectionSource<LedgerEntryDoc>(db, { tag: 'e', collection: ENTRIES, where: { accountId: userId }, field: 'at', dir: 'desc', at: (e) => e.at })
  return keysetPage([source], 'desc', page)
}

/**
 * The net 益币 of the entries answering to an org or any org below it, by kind: one match on the
 * `underOrgs` index and one group, with no join to orgs, activities or goods.
 */
export async function netUnderOrg(db: Db, orgId: string): Promise<Record<EntryKind, number>> {
  const res = await db.collection(ENTRIES).aggregate().match({ underOrgs: orgId }).group({ _id: '$kind', amount: db.command.aggregate.sum('$amount') }).end()
  const out = zeroByKind()
  for (const row of res.list as Array<{ _id: EntryKind; amount: number }>) out[row._id] = row.amount
  return out
}

export function getEntries(db: Db, ids: string[]): Promise<Map<string, LedgerEntryDoc>> {
  return findByIds<LedgerEntryDoc>(db, ENTRIES, ids)
}

/** Records whether the youth wants the month-ahead expiry reminder; an account with no entries yet is made empty. */
export async function setExpiryReminder(db: Db, owner: { userId: string; openid: string }, on: boolean, now: number): Promise<void> {
  await transaction(db, async (tx) => {
    const current = await txGet<AccountDoc>(tx, ACCOUNTS, owner.userId)
    const { _id, ...fields } = { ...totalsOf(current), ...current, _id: owner.userId, openid: owner.openid, remindExpiry: on, updatedAt: now }
    await tx.collection(ACCOUNTS).doc(_id).set({ data: fields })
  })
}
