import { useCallback } from 'react'
import type { OrgViewT, RoleViewT } from '../../../types/contract/user'
import { usePageLoad, type PageLoad } from '../../hooks/use-page-load'
import { accountApi } from '../../services/api/account'
import { scopeRoots, type OrgRef } from '../../utils/roles'

/**
 * The counties whose admin the caller is: admin roles held at a county org itself (the top of a tree),
 * in the order granted. Only such an admin sets the county's 益币 expiry (POINTS.POLICY_COUNTY_ONLY);
 * an admin of a township under it is not one.
 */
export function countiesAdministered(roles: readonly RoleViewT[] | undefined, orgs: readonly OrgViewT[]): OrgRef[] {
  const counties = new Set(orgs.filter((o) => o.kind === 'county' && o.parentId === null).map((o) => o.id))
  return scopeRoots(roles, 'admin').filter((o) => counties.has(o.id))
}

/**
 * A role names its org but not the org's kind, so the tree's top level says which orgs are counties.
 * Nothing is asked of someone without an admin role. Used by 我的 (main package) and by the policy page.
 */
export function useCountiesAdministered(roles: readonly RoleViewT[] | undefined): PageLoad<OrgRef[]> {
  const admin = scopeRoots(roles, 'admin')
  const key = admin.map((o) => `${o.id}\u0000${o.name}`).join('\u0001')
  const load = useCallback(
    () => accountApi.getOrgTree({ depth: 1 }).then(({ orgs }) => countiesAdministered(roles, orgs)),
    // `roles` is read for the key's orgs only: another array with the same admin orgs asks nothing again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  )
  return usePageLoad(admin.length ? load : null, 'user.getOrgTree')
}
