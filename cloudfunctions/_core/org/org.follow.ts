import { COLLECTIONS } from '../runtime/collections'
import type { Db } from '../runtime/db'
import { chainOf } from '../tree/tree.rules'
import { clearFollow, getOrg, subtree } from './org.repo'
import type { OrgDoc } from './org.rules'

/**
 * Records that name their org (`orgId`) and carry its chain (`underOrgs`) for scope queries: after
 * the org moves they must carry the new chain, or the new parent's cadres miss them and the old
 * parent's still reach them. Ledger and audit entries also carry a chain but keep the one they were
 * written under: they are history, not scope.
 */
export const FOLLOWING_ORGS = [COLLECTIONS.venues, COLLECTIONS.goods, COLLECTIONS.donors, COLLECTIONS.orders, COLLECTIONS.groups, COLLECTIONS.memberships] as const

/**
 * A membership's coverage counts under its group's orgs: after the org moves, the membership gets a
 * new revision and waits for the community sweep to count it under the new chain
 * (_core/community/membership.repo.ts settleReach). A second run only adds a revision.
 */
const ALSO: Partial<Record<(typeof FOLLOWING_ORGS)[number], (db: Db) => Record<string, unknown>>> = {
  [COLLECTIONS.memberships]: (db) => ({ rev: db.command.inc(1), reachDue: true }),
}

/** A move's rewrite may run this long after its commit before the timer takes it over. */
export const FOLLOW_GRACE_MS = 2 * 60_000

/** Orgs rewritten at once: each is one update per collection, sent together. */
const ORGS_AT_ONCE = 5

/**
 * Sets `underOrgs` on every record of each org to that org's chain as given (its ancestors, then
 * itself): one multi-document update per org and collection. `underOrgs: X` is in the filter beside
 * `orgId: X` because every record of X holds X in its chain, and the chain is what these collections
 * index; `orgId` is not. Setting what the tree says makes a second run, or a run beside another, harmless.
 */
export async function followOrgMove(db: Db, orgs: Pick<OrgDoc, '_id' | 'path'>[]): Promise<void> {
  const _ = db.command
  for (let i = 0; i < orgs.length; i += ORGS_AT_ONCE) {
    const writes = orgs
      .slice(i, i + ORGS_AT_ONCE)
      .flatMap((o) => FOLLOWING_ORGS.map((c) => db.collection(c).where({ orgId: o._id, underOrgs: o._id }).update({ data: { underOrgs: _.set(chainOf(o)), ...ALSO[c]?.(db) } })))
    await Promise.all(writes)
  }
}

/** Rewrites the records of `orgId` and every org below it to the tree as it is now; false if the org is gone. */
export async function rewriteSubtree(db: Db, orgId: string): Promise<boolean> {
  const org = await getOrg(db, orgId)
  if (!org) return false
  await followOrgMove(db, await subtree(db, org))
  return true
}

/**
 * Finishes the rewrite owed by the move of `orgId` made at `at`, from the tree as it is now (not as
 * the move left it), then clears the move's mark. If a later move of the same org set its own mark
 * meanwhile, this run's writes may have landed after that move's, so it rewrites once more from the
 * tree as it is now and leaves the later mark to its own move.
 */
export async function finishOrgMove(db: Db, orgId: string, at: number): Promise<void> {
  if (!(await rewriteSubtree(db, orgId))) return
  if (!(await clearFollow(db, orgId, at))) await rewriteSubtree(db, orgId)
}
