import { sendFailure, type Notifier, type NotifyTemplate } from '../platform/notify'
import type { Clock } from '../runtime/clock'
import type { Db } from '../runtime/db'
import { errorFields, type Log } from '../runtime/log'
import { claim, dueMessages, expand, messagesByIds, settle } from './outbox.repo'
import { afterFailure, type OutboxDoc } from './outbox.rules'

export interface SenderDeps {
  db: Db
  clock: Clock
  log: Log
  platform: { notifier: Notifier }
}

export interface SendStats {
  sent: number
  /** Failed this time and waiting for a later try. */
  retrying: number
  /** Given up: attempts used up, or a refusal no retry can change. */
  failed: number
}

/** Messages handled at once: WeChat's rate, not the database, is the limit. */
const PARALLEL = 10
/** The most one timer run sends; the next run (a minute later) takes the rest. */
export const MAX_PER_RUN = 500

type Outcome = keyof SendStats | 'taken' | { expanded: string[] }

/** One try of one message: claim it, hand it to the transport, record how that went. */
async function deliver(deps: SenderDeps, doc: OutboxDoc): Promise<Outcome> {
  const { db, clock } = deps
  if (!(await claim(db, doc, clock.now()))) return 'taken'
  const attempts = doc.attempts + 1
  try {
    if (doc.fanout) {
      const expanded = await expand(db, doc, clock.now())
      await settle(db, doc._id, attempts, { status: 'sent', sentAt: clock.now(), updatedAt: clock.now() })
      return { expanded }
    }
    await deps.platform.notifier.send({ openid: doc.to!.openid, template: doc.template as NotifyTemplate, page: doc.page, data: doc.data })
  } catch (e) {
    const failure = sendFailure(e)
    const next = afterFailure(attempts, failure, clock.now())
    deps.log.error('notify_failed', { template: doc.template, id: doc._id, attempts, permanent: failure.permanent, detail: failure.reason })
    await settle(db, doc._id, attempts, next)
    return next.status === 'failed' ? 'failed' : 'retrying'
  }
  // Sent: if this record is lost the lease runs out and the message goes again — the one case of a
  // second copy, preferred to a message never sent.
  await settle(db, doc._id, attempts, { status: 'sent', sentAt: clock.now(), updatedAt: clock.now() })
  return 'sent'
}

async function deliverAll(deps: SenderDeps, docs: OutboxDoc[], stats: SendStats): Promise<void> {
  for (let i = 0; i < docs.length; i += PARALLEL) {
    const outcomes = await Promise.all(docs.slice(i, i + PARALLEL).map((d) => deliver(deps, d)))
    const expanded = outcomes.flatMap((o) => (typeof o === 'object' ? o.expanded : []))
    for (const o of outcomes) if (typeof o === 'string' && o !== 'taken') stats[o]++
    if (expanded.length) await deliverAll(deps, await messagesByIds(deps.db, expanded), stats)
  }
}

/** The timer's work: everything due, earliest first, up to `MAX_PER_RUN`. */
export async function sendDue(deps: SenderDeps, max = MAX_PER_RUN): Promise<SendStats> {
  const stats: SendStats = { sent: 0, retrying: 0, failed: 0 }
  let seen = 0
  while (seen < max) {
    const docs = await dueMessages(deps.db, deps.clock.now(), Math.min(50, max - seen))
    if (!docs.length) break
    seen += docs.length
    await deliverAll(deps, docs, stats)
  }
  return stats
}

/**
 * Sends the messages just committed, at once, so nobody waits for the timer. Never fails the change
 * that wrote them: whatever does not go out now stays in the outbox, and the timer sends it.
 */
export async function dispatch(deps: SenderDeps, ids: (string | null)[]): Promise<SendStats> {
  const stats: SendStats = { sent: 0, retrying: 0, failed: 0 }
  const wanted = ids.filter((id): id is string => !!id)
  if (!wanted.length) return stats
  try {
    const now = deps.clock.now()
    const due = (await messagesByIds(deps.db, wanted)).filter((d) => (d.status === 'pending' || d.status === 'sending') && d.dueAt <= now)
    await deliverAll(deps, due, stats)
  } catch (e) {
    deps.log.error('outbox_dispatch_failed', { ids: wanted.length, ...errorFields(e) })
  }
  return stats
}
