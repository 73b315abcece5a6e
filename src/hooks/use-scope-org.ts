import { useEffect, useMemo, useState } from 'react'
import type { Role } from '../../types/enums'
import { useSession } from './use-session'
import { scopeRoots, type OrgRef } from '../utils/roles'

/** The orgs a cadre/admin may act on (their roles' subtrees) and the one currently chosen (first by default). */
export function useScopeOrg(...roles: Role[]): { roots: OrgRef[]; org: OrgRef | null; setOrg: (org: OrgRef) => void } {
  const { me } = useSession()
  const key = roles.join(',')
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const roots = useMemo(() => scopeRoots(me?.roles, ...roles), [me?.roles, key])
  const [org, setOrg] = useState<OrgRef | null>(null)
  useEffect(() => {
    if (!org && roots.length) setOrg(roots[0])
  }, [org, roots])
  return { roots, org, setOrg: (o: OrgRef) => setOrg({ id: o.id, name: o.name }) }
}
