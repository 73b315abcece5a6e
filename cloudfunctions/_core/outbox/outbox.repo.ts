import { createHash } from 'node:crypto'
import { COLLECTIONS } from '../runtime/collections'
import { findByIds, isDuplicate, READ_ALL_CAP, readAll, txGet, type Db, type Tx } from '../runtime/db'
import { collectionSource, keysetPage, type PageRequest, type PageResult } from '../runtime/paging'
import { LEASE_MS, newOutboxDoc, outboxKey, type OutboxDoc, type OutboxMessage, type OutboxStatus, type Recipient, type ShownStatus } from './outbox.rules'

const OUTBOX = COLLECTIONS.outbox

/** `ob_` + sha256 of kind | subject | occurrence | recipient: the same cause always makes the same message. */
export function outboxId(m: Pick<OutboxMessage, 'template' | 'subject' | 'occurrence'>, openid: string | null): string {
  return `ob_${createHash('sha256').update(outboxKey(m, openid)).digest('hex').slice(0, 40)}`
}

function docFor(m: OutboxMessage, now: number): OutboxDoc {
  const one = Array.isArray(m.to) ? (m.to.length === 1 ? m.to[0] : null) : m.to
  return newOutboxDoc(outboxId(m, one ? one.openid : null), m, one, now)
}

/**
 * Writes `m` inside the transaction that makes the change it tells of, so the change and its message
 * commit together or not at all. A message already there (the same cause, written before) is left as
 * it is — a sent one is never sent again. Answers the message's id (for `dispatch`), or null when
 * there is nobody to tell (a null message, or a fan-out to no one).
 */
export async function enqueue(tx: Tx, m: OutboxMessage | null, now: number): Promise<string | null> {
  if (!m || (Array.isArray(m.to) && m.to.length === 0)) return null
  const doc = docFor(m, now)
  if (await txGet<OutboxDoc>(tx, OUTBOX, doc._id)) return doc._id
  const { _id, ...data } = doc
  await tx.collection(OUTBOX).doc(_id).set({ data })
  return _id
}

/**
 * Writes `m` on its own, once: for a change made by a single conditional update, enqueued right after
 * it (a null message — nobody to tell — writes nothing). A retry of the change, or the sweep that repairs one cut short, enqueues the same id again and
 * finds it there.
 */
export async function enqueueNow(db: Db, m: OutboxMessage | null, now: number): Promise<string | null> {
  if (!m || (Array.isArray(m.to) && m.to.length === 0)) return null
  const doc = docFor(m, now)
  await addOnce(db, doc)
  return doc._id
}

async function addOnce(db: Db, doc: OutboxDoc): Promise<boolean> {
  try {
    await db.collection(OUTBOX).add({ data: { ...doc } })
    return true
  } catch (e) {
    if (isDuplicate(e)) return false
    throw e
  }
}

/** Messages due now (pending, or claimed by a sender whose lease ran out), earliest first. */
export async function dueMessages(db: Db, now: number, limit: number): Promise<OutboxDoc[]> {
  const _ = db.command
  const res = await db
    .collection(OUTBOX)
    .where({ status: _.in(['pending', 'sending']), dueAt: _.lte(now) })
    .orderBy('dueAt', 'asc')
    .limit(limit)
    .get()
  return res.data as OutboxDoc[]
}

export async function messagesByIds(db: Db, ids: string[]): Promise<OutboxDoc[]> {
  const found = await findByIds<OutboxDoc>(db, OUTBOX, ids)
  return ids.map((id) => found.get(id)).filter((d): d is OutboxDoc => !!d)
}

/**
 * Takes `seen` for one sender: a conditional update on the document as it was read (still due, same
 * attempt count), so of two senders that read it, one wins. The lease moves `dueAt` ahead.
 */
export async function claim(db: Db, seen: OutboxDoc, now: number): Promise<boolean> {
  const _ = db.command
  const res = await db
    .collection(OUTBOX)
    .where({ _id: seen._id, status: _.in(['pending', 'sending']), dueAt: _.lte(now), attempts: seen.attempts })
    .update({ data: { status: 'sending', attempts: seen.attempts + 1, dueAt: now + LEASE_MS, updatedAt: now } })
  return res.stats.updated === 1
}

/** Records how a claimed try ended — only while the claim is still this sender's. */
export async function settle(db: Db, id: string, attempts: number, data: Partial<OutboxDoc>): Promise<boolean> {
  const res = await db.collection(OUTBOX).where({ _id: id, status: 'sending', attempts }).update({ data: { ...data } })
  return res.stats.updated === 1
}

/** A fan-out's one message per recipient, each under its own derived id (so a second expansion adds none). */
export async function expand(db: Db, fanout: OutboxDoc, now: number): Promise<string[]> {
  const m: OutboxMessage = { ...fanout, occurrence: fanout.occurrence, to: [] as Recipient[], dueAt: now }
  const ids: string[] = []
  const recipients = fanout.fanout ?? []
  for (let i = 0; i < recipients.length; i += 20) {
    const docs = recipients.slice(i, i + 20).map((r) => newOutboxDoc(outboxId(m, r.openid), m, r, now))
    await Promise.all(docs.map((d) => addOnce(db, d)))
    ids.push(...docs.map((d) => d._id))
  }
  return ids
}

export type OutboxCounts = Record<'pending' | 'sent' | 'failed', number>

/**
 * How an activity's messages stand, for its cadres: one count per state over the one-recipient
 * messages, with the recipients of a fan-out not yet expanded counted in its state.
 */
export async function countsFor(db: Db, subject: string): Promise<OutboxCounts> {
  const _ = db.command
  // Pending and sending are one state to a cadre: counted together.
  const shown: [OutboxStatus, unknown][] = [['pending', _.in(['pending', 'sending'])], ['sent', 'sent'], ['failed', 'failed']]
  const counts = await Promise.all(shown.map(async ([key, status]) => [key, (await db.collection(OUTBOX).where({ subject, fanoutSize: 0, status }).count()).total] as const))
  // Every unexpanded fan-out (a few per activity), read to the end: a count is never cut short.
  const where = { subject, fanoutSize: _.gt(0), status: _.in(['pending', 'sending', 'failed']) }
  const unexpanded = await readAll<OutboxDoc>(db, OUTBOX, where, READ_ALL_CAP, { _id: true, fanoutSize: true, status: true })
  const by: Record<OutboxStatus, number> = { sending: 0, ...Object.fromEntries(counts) } as Record<OutboxStatus, number>
  for (const d of unexpanded) by[d.status] += d.fanoutSize
  return { pending: by.pending + by.sending, sent: by.sent, failed: by.failed }
}

/** One page of a subject's one-recipient messages, newest first (index subject, fanoutSize, createdAt). */
export function messagesPage(db: Db, subject: string, shown: ShownStatus | undefined, page: PageRequest): Promise<PageResult<OutboxDoc>> {
  const status = shown === 'pending' ? db.command.in(['pending', 'sending']) : shown
  const where = { subject, fanoutSize: 0, ...(status ? { status } : {}) }
  return keysetPage([collectionSource<OutboxDoc>(db, { tag: 'o', collection: OUTBOX, where, field: 'createdAt', dir: 'desc', at: (d) => d.createdAt })], 'desc', page)
}
