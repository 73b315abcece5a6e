import type { AdjustContract } from '../../../../types/contract/adjust'
import { entryDoc, entryOrg, getAccount, getEntries, postEntries, toEntryView, txGetEntry, type AccountDoc, type EntryDraft, type LedgerEntryDoc } from '../../../_core/ledger'
import { assertPublishable } from '../../../_core/platform/content-check'
import { AppError } from '../../../_core/runtime/app-error'
import { COLLECTIONS } from '../../../_core/runtime/collections'
import { transaction, txGet } from '../../../_core/runtime/db'
import { asReplay, requestDocId, requestHash } from '../../../_core/runtime/idempotency'
import type { Action } from '../../../_core/runtime/serve'
import { adjustingOrg, managedYouth, toAccountSummary } from './summary'

/** One adjustment per (cadre, request key): the entry's id, so a retry lands on the same entry. */
export function adjustIdFor(openid: string, requestId: string): string {
  return requestDocId('le_aj_', openid, requestId)
}

/** The earlier entry when this is a retry of the same request; a reused key with another payload is refused. */
function replayOf(e: LedgerEntryDoc | null | undefined, hash: string): LedgerEntryDoc | null {
  if (!e) return null
  asReplay({ _id: e._id, requestHash: e.adjust?.requestHash }, hash)
  return e
}

/**
 * A cadre's award or deduction with a reason: a new `adjust` entry in the youth's ledger (never an
 * edit of an earlier one), posted with the account's totals and the audit entry in one transaction.
 * A deduction that would take the balance below zero is refused (POINTS.ADJUST_BELOW_ZERO) and leaves
 * nothing. The entry answers to the org of the caller's role nearest the youth. The reason is shown to
 * the youth in their ledger, so it passes the content check before anything is written.
 */
export const adjustPoints: Action<AdjustContract, 'adjustPoints'> = async (input, ctx) => {
  const openid = ctx.openid()
  const now = ctx.clock.now()
  const { profile, org, roles, policy: policyRead } = await managedYouth(ctx, input.userId)
  if (profile.openid === openid) throw new AppError('POINTS.ADJUST_SELF')
  const owner = { userId: profile._id, openid: profile.openid }
  const id = adjustIdFor(openid, input.requestId)
  const hash = requestHash({ userId: input.userId, amount: input.amount, reason: input.reason })
  const [policy, earlier] = await Promise.all([policyRead(), getEntries(ctx.db, [id]).then((m) => replayOf(m.get(id), hash))])
  const answer = (entry: LedgerEntryDoc, account: AccountDoc | null) => ({ entry: toEntryView(entry), account: toAccountSummary(profile, org, account, policy, now) })
  if (earlier) {
    ctx.audit.replay()
    return answer(earlier, await getAccount(ctx.db, profile._id))
  }

  await assertPublishable(ctx.platform.contentCheck, openid, [input.reason])
  const draft: EntryDraft = {
    _id: id,
    kind: 'adjust',
    amount: input.amount,
    title: `${input.amount > 0 ? '奖励' : '扣减'}：${input.reason}`,
    ref: { type: 'adjustment', id },
    reverses: null,
    ...entryOrg(adjustingOrg(roles, org)),
    adjust: { by: openid, reason: input.reason, requestHash: hash },
  }
  const done = await transaction(ctx.db, async (tx) => {
    // The same request sent twice at once: the second finds the first's entry here.
    const first = replayOf(await txGetEntry(tx, id), hash)
    if (first) return { entry: first, account: await txGet<AccountDoc>(tx, COLLECTIONS.accounts, profile._id), replay: true }
    const account = await postEntries(tx, owner, [draft], now)
    await ctx.audit.write(tx, {
      target: { type: 'account', id: profile._id },
      orgId: org._id,
      orgPath: org.path,
      detail: { entryId: id, amount: input.amount, reason: input.reason, before: account.balance - input.amount, after: account.balance },
    })
    return { entry: entryDoc(draft, owner, now), account, replay: false }
  })
  if (done.replay) ctx.audit.replay()
  return answer(done.entry, done.account)
}
