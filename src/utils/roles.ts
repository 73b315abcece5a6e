import type { Role } from '../../types/enums'
import type { RoleViewT } from '../../types/contract/user'

export interface OrgRef {
  id: string
  name: string
}

export function hasRole(roles: readonly RoleViewT[] | undefined, ...wanted: Role[]): boolean {
  return !!roles?.some((r) => wanted.includes(r.role))
}

/** The orgs whose subtrees the given roles cover, each once, in the order granted. */
export function scopeRoots(roles: readonly RoleViewT[] | undefined, ...wanted: Role[]): OrgRef[] {
  const seen = new Set<string>()
  const out: OrgRef[] = []
  for (const r of roles ?? []) {
    if (!wanted.includes(r.role) || seen.has(r.orgId)) continue
    seen.add(r.orgId)
    out.push({ id: r.orgId, name: r.orgName })
  }
  return out
}
