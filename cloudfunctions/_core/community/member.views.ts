import { SECTOR_LABEL } from '../../../types/enums'
import { getOrgs } from '../org/org.repo'
import { townshipOf } from '../org/org.rules'
import { getProfiles } from '../profile/profile.repo'
import type { Db } from '../runtime/db'
import { toMembershipView, type MembershipDoc } from './membership.rules'

/** Members and applicants as a group's admins see them: name, sector and township from the profile (no phone, no ID). */
export async function toMemberViews(db: Db, ms: MembershipDoc[]) {
  const profiles = await getProfiles(db, [...new Set(ms.map((m) => m.userId))])
  const orgs = await getOrgs(db, [...new Set([...profiles.values()].map((p) => p.orgId))])
  const ancestors = await getOrgs(db, [...new Set([...orgs.values()].flatMap((o) => o.path))])
  return ms.map((m) => {
    const p = profiles.get(m.userId)
    const org = p ? orgs.get(p.orgId) : undefined
    const township = org ? townshipOf(org, new Map([...ancestors, ...orgs])) : null
    return {
      ...toMembershipView(m),
      userId: m.userId,
      // A cadre who made the group may hold no youth profile.
      name: p?.realName ?? '团干部',
      sector: p ? SECTOR_LABEL[p.sector] : null,
      townshipName: township?.name ?? null,
      message: m.message,
    }
  })
}
