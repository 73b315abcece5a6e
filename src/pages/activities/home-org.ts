import { useEffect } from 'react'
import type { OrgViewT } from '../../../types/contract/user'
import { useSession } from '../../hooks/use-session'
import { TOP, useOrgTree } from '../../hooks/use-org-tree'
import type { OrgRef } from '../../utils/roles'

/** The 乡镇团委 at or above an org, walking up the loaded tree. */
export function townshipAbove(byId: Record<string, OrgViewT>, orgId: string): OrgViewT | null {
  let org: OrgViewT | undefined = byId[orgId]
  while (org) {
    if (org.kind === 'township') return org
    org = org.parentId ? byId[org.parentId] : undefined
  }
  return null
}

/**
 * Where a youth starts browsing by org: their township, which holds most of the activities near
 * them; their own org when the tree cannot tell. `finding` while the tree is on its way.
 * The tree is fetched only once `wanted`.
 */
export function useHomeOrg(wanted: boolean): { home: OrgRef | null; finding: boolean } {
  const { me, loading } = useSession()
  const profile = me?.profile ?? null
  const registered = !!profile
  const tree = useOrgTree()
  const known = tree.isLoaded(TOP)

  useEffect(() => {
    if (wanted && registered && !known && !tree.error) void tree.load(TOP)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted, registered, known])

  if (!profile) return { home: null, finding: wanted && loading }
  if (!known && !tree.error) return { home: null, finding: wanted }
  const township = townshipAbove(tree.byId, profile.orgId)
  return { home: township ? { id: township.id, name: township.name } : { id: profile.orgId, name: profile.orgName }, finding: false }
}
