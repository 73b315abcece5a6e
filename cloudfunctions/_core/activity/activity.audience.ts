import { requireGroup } from '../community/group.repo'
import { groupOrg } from '../community/group.rules'
import { groupChainsOf } from '../community/membership.repo'
import { getOrg } from '../org/org.repo'
import type { OrgDoc } from '../org/org.rules'
import { profileWithOrg } from '../profile/profile.repo'
import type { ProfileDoc } from '../profile/profile.rules'
import type { Db } from '../runtime/db'
import { assertAudience, type Audience } from './activity.rules'

/** Who an activity is for, as far as it needs the database: the named org or group, the youth's groups. */
export { groupChainsOf }

/**
 * An org audience names an existing org, a group audience an existing group (else GROUP.NOT_FOUND),
 * inside the activity org's subtree: a cadre offers an activity to a part of their own scope only.
 */
export async function checkAudience(db: Db, audience: Audience, activityOrgId: string): Promise<void> {
  if (audience.type === 'group') return assertAudience(audience, activityOrgId, groupOrg(await requireGroup(db, audience.groupId)))
  const org = audience.type === 'org' ? await getOrg(db, audience.orgId) : null
  assertAudience(audience, activityOrgId, org)
}

/** The chains one activity's eligibility needs: none unless its audience is a group (the common case reads nothing). */
export function groupChainsFor(db: Db, audience: Audience, userId: string): Promise<string[][]> {
  return audience.type === 'group' ? groupChainsOf(db, userId) : Promise.resolve([])
}

/** What deciding a youth's sign-up or walk-in reads (`assertEligible`): the profile, its org, the group chains the audience needs. */
export async function applicantOf(db: Db, audience: Audience, userId: string): Promise<{ profile: ProfileDoc | null; org: OrgDoc | null; chains: string[][] }> {
  const [{ profile, org }, chains] = await Promise.all([profileWithOrg(db, userId), groupChainsFor(db, audience, userId)])
  return { profile, org, chains }
}
