import type { ErrorCode } from '../../../types/errors'
import { MANAGER_ROLES, assertCovers, rolesOf } from '../access'
import { getActivities } from '../activity/activity.repo'
import type { ActivityDoc, ParticipationDoc } from '../activity/activity.rules'
import { getOrgs, type OrgDoc } from '../org'
import { AppError } from '../runtime/app-error'
import { failureBody } from '../runtime/failure'
import type { ActionContext } from '../runtime/context'
import { transaction, type Tx } from '../runtime/db'
import { getDeclarationsByIds, getParticipationsByIds } from './hours.repo'
import { assertNotOwn, type DeclarationDoc, type ReviewKind } from './hours.rules'

/**
 * What every review action shares: load the records named, refuse the whole call when any is outside
 * the caller's scope (nothing is written), then give each item its own transaction and its own result,
 * and write the call's one audit entry.
 */

export interface ReviewRef {
  kind: ReviewKind
  id: string
}

export type ReviewTarget =
  | { kind: 'attendance'; id: string; record: ParticipationDoc; org: OrgDoc; activity: ActivityDoc | null }
  | { kind: 'declaration'; id: string; record: DeclarationDoc; org: OrgDoc }

export interface ItemOutcome {
  id: string
  ok: boolean
  code: ErrorCode | null
  message: string | null
}

const refKey = (r: ReviewRef) => `${r.kind}:${r.id}`

/** Loads the records and refuses unless the caller manages every one found (AUTH.FORBIDDEN, before any write). */
export async function loadTargets(ctx: ActionContext, refs: ReviewRef[]): Promise<Map<string, ReviewTarget>> {
  const db = ctx.db
  const roles = await rolesOf(db, ctx.openid())
  // No manager role anywhere: refused before reading any record.
  if (!roles.some((r) => MANAGER_ROLES.includes(r.role))) throw new AppError('AUTH.FORBIDDEN')
  const [parts, decls] = await Promise.all([
    getParticipationsByIds(db, refs.filter((r) => r.kind === 'attendance').map((r) => r.id)),
    getDeclarationsByIds(db, refs.filter((r) => r.kind === 'declaration').map((r) => r.id)),
  ])
  const records = [...parts.values(), ...decls.values()]
  const [orgs, activities] = await Promise.all([
    getOrgs(db, records.map((r) => r.orgId)),
    getActivities(db, [...parts.values()].map((p) => p.activityId)),
  ])
  const out = new Map<string, ReviewTarget>()
  for (const ref of refs) {
    const record = ref.kind === 'attendance' ? parts.get(ref.id) : decls.get(ref.id)
    if (!record) continue
    const org = orgs.get(record.orgId)
    if (!org) throw new AppError('AUTH.FORBIDDEN')
    assertCovers(roles, org, MANAGER_ROLES)
    out.set(
      refKey(ref),
      ref.kind === 'attendance'
        ? { kind: 'attendance', id: ref.id, record: record as ParticipationDoc, org, activity: activities.get((record as ParticipationDoc).activityId) ?? null }
        : { kind: 'declaration', id: ref.id, record: record as DeclarationDoc, org },
    )
  }
  return out
}

/**
 * Runs `apply` for each item in its own transaction and answers each item's result. A refusal
 * becomes that item's result; an unexpected error is logged and answered GENERIC.INTERNAL for that
 * item only. The call's one audit entry names every item and its outcome; it grows inside each
 * applied item's own transaction, so a crash or a lost reply can never leave an applied item
 * without its entry. When nothing was applied the call is a refusal (the first item's error, no trace).
 */
export async function reviewBatch(
  ctx: ActionContext,
  refs: ReviewRef[],
  targets: Map<string, ReviewTarget>,
  apply: (tx: Tx, target: ReviewTarget) => Promise<void>,
  detail: Record<string, unknown>,
): Promise<{ results: ItemOutcome[] }> {
  const outcomes: ItemOutcome[] = []
  let firstError: unknown = null
  const reviewer = ctx.openid()
  const entry = batchEntry(refs, targets, detail)
  for (const ref of refs) {
    try {
      const target = targets.get(refKey(ref))
      if (!target) throw new AppError('GENERIC.NOT_FOUND')
      assertNotOwn(target.record, reviewer)
      const done: ItemOutcome = { id: ref.id, ok: true, code: null, message: null }
      await transaction(ctx.db, async (tx) => {
        await apply(tx, target)
        await ctx.audit.rewrite(tx, entry([...outcomes, done]))
      })
      outcomes.push(done)
    } catch (e) {
      firstError ??= e
      outcomes.push(outcomeOf(ctx, ref, e))
    }
  }
  if (!outcomes.some((o) => o.ok)) throw firstError
  // Items refused after the last applied one join the entry too.
  if (!outcomes[outcomes.length - 1].ok) await transaction(ctx.db, (tx) => ctx.audit.rewrite(tx, entry(outcomes)))
  return { results: outcomes }
}

function outcomeOf(ctx: ActionContext, ref: ReviewRef, e: unknown): ItemOutcome {
  const { code, message } = failureBody(e, ctx.log, 'review_item_failed', { fn: ctx.fn, action: ctx.action, kind: ref.kind, id: ref.id })
  return { id: ref.id, ok: false, code, message }
}

/** The batch's audit entry for the outcomes so far (the items decided, in the order asked). */
function batchEntry(refs: ReviewRef[], targets: Map<string, ReviewTarget>, detail: Record<string, unknown>) {
  const orgs = new Map([...targets.values()].map((t) => [t.org._id, t.org]))
  const only = orgs.size === 1 ? [...orgs.values()][0] : null
  // Spanning several orgs, the entry sits under every one of them so each org's managers can find it.
  const orgPath = only ? only.path : [...new Set([...orgs.values()].flatMap((o) => [...o.path, o._id]))]
  return (outcomes: ItemOutcome[]) => ({
    target: { type: 'hours', id: refs[0].id },
    orgId: only?._id ?? null,
    orgPath,
    detail: { ...detail, items: outcomes.map((o, i) => ({ kind: refs[i].kind, id: refs[i].id, ok: o.ok, code: o.code })) },
  })
}
