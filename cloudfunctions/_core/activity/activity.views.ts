import { MANAGER_ROLES, rolesCovering } from '../access/access.rules'
import { rolesOf } from '../access/access.repo'
import { getOrg, getOrgs } from '../org/org.repo'
import { GONE_ORG } from '../org/org.rules'
import { urlsFor, type Storage } from '../platform/storage'
import type { Db } from '../runtime/db'
import { toActivityCard, toActivityView, visibleCover, type ActivityDoc } from './activity.rules'

/** What a caller sees of activities: cards and details with org names, cover URLs and whether they may manage. */

/** What building cards and views needs: the database and storage (for cover URLs). */
export interface ViewDeps {
  db: Db
  platform: { storage: Storage }
}

function coverUrls(deps: ViewDeps, activities: ActivityDoc[], canManage = false): Promise<Map<string, string | null>> {
  return urlsFor(deps.platform.storage, activities.map((a) => visibleCover(a, canManage)))
}

const coverUrlOf = (a: ActivityDoc, urls: Map<string, string | null>, canManage = false) => {
  const cover = visibleCover(a, canManage)
  return cover ? (urls.get(cover) ?? null) : null
}

/** Cards with their org names and cover URLs (covers that passed their check), in the given order. */
export async function toActivityCards(deps: ViewDeps, activities: ActivityDoc[], near?: { lat: number; lng: number } | null) {
  const [orgs, covers] = await Promise.all([getOrgs(deps.db, activities.map((a) => a.orgId)), coverUrls(deps, activities)])
  return activities.map((a) => toActivityCard(a, { orgName: orgs.get(a.orgId)?.name ?? GONE_ORG, near, coverUrl: coverUrlOf(a, covers) }))
}

/** The detail for a cadre who has just changed it (scope already checked). */
export async function managedView(deps: ViewDeps, a: ActivityDoc, orgName: string) {
  const covers = await coverUrls(deps, [a], true)
  return toActivityView(a, { orgName, canManage: true, coverUrl: coverUrlOf(a, covers, true) })
}

/** The detail as this caller sees it: `canManage` when one of their roles covers the activity's org. */
export async function viewFor(deps: ViewDeps, a: ActivityDoc, openid: string, near?: { lat: number; lng: number } | null) {
  const [org, roles] = await Promise.all([getOrg(deps.db, a.orgId), rolesOf(deps.db, openid)])
  const canManage = !!org && rolesCovering(roles, org, MANAGER_ROLES).length > 0
  const covers = await coverUrls(deps, [a], canManage)
  return { view: toActivityView(a, { orgName: org?.name ?? GONE_ORG, near, canManage, coverUrl: coverUrlOf(a, covers, canManage) }), canManage }
}

