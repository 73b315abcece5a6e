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
export const MAX_PER_RUN = 200
/**
 * Wall time one timer run may spend, well inside the function's timeout (cloudbaserc.json): a run
 * killed mid-send would leave its claims to lapse and those messages to go twice.
 */
const RUN_BUDGET_MS = 10_000
/** The most a writer sends itself right after its commit; a bigger fan-out is left to the timer. */
export const DISPATCH_MAX = 20

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

/** Tries each of `docs`, a few at a time; answers the ids of the messages its fan-outs made (due now). */
async function deliverAll(deps: SenderDeps, docs: OutboxDoc[], stats: SendStats): Promise<string[]> {
  const expanded: string[] = []
  for (let i = 0; i < docs.length; i += PARALLEL) {
    for (const o of await Promise.all(docs.slice(i, i + PARALLEL).map((d) => deliver(deps, d)))) {
      if (typeof o === 'object') expanded.push(...o.expanded)
      else if (o !== 'taken') stats[o]++
    }
  }
  return expanded
}

const noStats = (): SendStats => ({ sent: 0, retrying: 0, failed: 0 })

/** The timer's work: everything due, earliest first, up to `max` messages (a fan-out's come due at once). */
export async function sendDue(deps: SenderDeps, max = MAX_PER_RUN): Promise<SendStats> {
  const stats = noStats()
  // Real time, not the clock: this bounds the run against the platform's timeout.
  const until = Date.now() + RUN_BUDGET_MS
  let seen = 0
  while (seen < max && Date.now() < until) {
    const docs = await dueMessages(deps.db, deps.clock.now(), Math.min(50, max - seen))
    if (!docs.length) break
    seen += docs.length
    await deliverAll(deps, docs, stats)
  }
  return stats
}

/**
 * Sends the messages just committed, at once, so nobody waits for the timer (up to `DISPATCH_MAX`;
 * the timer sends the rest within a minute). Never fails the change that wrote them: whatever does
 * not go out now stays in the outbox, and the timer sends it.
 */
export async function dispatch(deps: SenderDeps, ids: (string | null)[]): Promise<SendStats> {
  const stats = noStats()
  const wanted = ids.filter((id): id is string => !!id)
  if (!wanted.length) return stats
  try {
    const due = async (list: string[]) => {
      const now = deps.clock.now()
      return (await messagesByIds(deps.db, list)).filter((d) => (d.status === 'pending' || d.status === 'sending') && d.dueAt <= now)
    }
    const first = (await due(wanted.slice(0, DISPATCH_MAX))).filter((d) => d.fanoutSize <= DISPATCH_MAX)
    const expanded = await deliverAll(deps, first, stats)
    if (expanded.length) await deliverAll(deps, await due(expanded.slice(0, DISPATCH_MAX)), stats)
  } catch (e) {
    deps.log.error('outbox_dispatch_failed', { ids: wanted.length, ...errorFields(e) })
  }
  return stats
}
