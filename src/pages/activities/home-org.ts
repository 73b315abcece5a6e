import { useSession } from '../../hooks/use-session'
import type { OrgRef } from '../../utils/roles'

/**
 * Where a youth starts browsing by org: their township (the server names it with the profile), which
 * holds most of the activities near them; their own org when they have none above them.
 * `finding` while the session is on its way.
 */
export function useHomeOrg(wanted: boolean): { home: OrgRef | null; finding: boolean } {
  const { me, loading } = useSession()
  const profile = me?.profile ?? null
  if (!profile) return { home: null, finding: wanted && loading }
  const home = profile.townshipId && profile.townshipName ? { id: profile.townshipId, name: profile.townshipName } : { id: profile.orgId, name: profile.orgName }
  return { home, finding: false }
}
