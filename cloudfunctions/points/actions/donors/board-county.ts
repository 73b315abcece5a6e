import { getOrg, requireOrg } from '../../../_core/org/org.repo'
import type { OrgDoc } from '../../../_core/org/org.rules'
import type { Db } from '../../../_core/runtime/db'

/**
 * The county a board link names. The board is a county's (goods are offered county-wide), so a link
 * naming a township or a branch opens its county's board rather than a refusal.
 */
export async function boardCounty(db: Db, orgId: string): Promise<Pick<OrgDoc, '_id' | 'name'>> {
  const org = await requireOrg(db, orgId)
  const countyId = org.path[0]
  if (!countyId) return org
  const county = await getOrg(db, countyId)
  if (!county) throw new Error(`org ${org._id} names a county ${countyId} that does not exist`)
  return county
}
