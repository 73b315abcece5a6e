import { useCallback, useRef, useState } from 'react'
import type { OrgViewT } from '../../types/contract/user'
import { toApiError, type ApiError } from '../services/api'
import { accountApi } from '../services/api/account'

/** Pseudo parent id for the top level (the counties, or the roots of a scope). */
export const TOP = '__top__'

export interface OrgTree {
  byId: Record<string, OrgViewT>
  /** Children of a node; `TOP` for the counties. */
  childrenOf: (parentId: string) => OrgViewT[]
  /** true / false once known, undefined while the node's children have not been loaded. */
  hasChildren: (id: string) => boolean | undefined
  isLoaded: (id: string) => boolean
  /** Loads the node's children (and a level below them, so leaves are known without another tap). */
  load: (id: string) => Promise<void>
  /** Forgets everything (after an admin changed the tree). */
  reset: () => void
  loading: boolean
  error: ApiError | null
}

/**
 * The org tree, fetched lazily with getOrgTree. Asking for 3 levels under a node tells us its
 * children and whether each of them has children, whichever way the server counts depth.
 */
export function useOrgTree(): OrgTree {
  const [byId, setById] = useState<Record<string, OrgViewT>>({})
  const [known, setKnown] = useState<Record<string, true>>({})
  const [pending, setPending] = useState(0)
  const [error, setError] = useState<ApiError | null>(null)
  const inflight = useRef(new Map<string, Promise<void>>())

  const load = useCallback((id: string): Promise<void> => {
    const existing = inflight.current.get(id)
    if (existing) return existing
    setPending((n) => n + 1)
    const p = accountApi
      .getOrgTree(id === TOP ? { depth: 3 } : { rootId: id, depth: 3 })
      .then(({ orgs }) => {
        setById((prev) => {
          const next = { ...prev }
          for (const o of orgs) next[o.id] = o
          return next
        })
        setKnown((prev) => {
          const next: Record<string, true> = { ...prev, [id]: true }
          for (const o of orgs) if ((o.parentId ?? TOP) === id) next[o.id] = true
          return next
        })
        setError(null)
      })
      .catch((e: unknown) => setError(toApiError(e, 'user.getOrgTree')))
      .finally(() => {
        inflight.current.delete(id)
        setPending((n) => n - 1)
      })
    inflight.current.set(id, p)
    return p
  }, [])

  const childrenOf = useCallback(
    // In the server's order (it knows how the county lists its townships).
    (parentId: string) => Object.values(byId).filter((o) => (o.parentId ?? TOP) === parentId),
    [byId],
  )

  const hasChildren = useCallback(
    (id: string) => {
      if (Object.values(byId).some((o) => o.parentId === id)) return true
      // 团支部 is the bottom of the tree (the server refuses children under it: ORG.HAS_CHILDREN).
      if (byId[id]?.kind === 'branch') return false
      return known[id] ? false : undefined
    },
    [byId, known],
  )

  const isLoaded = useCallback((id: string) => !!known[id], [known])

  const reset = useCallback(() => {
    setById({})
    setKnown({})
    setError(null)
  }, [])

  return { byId, childrenOf, hasChildren, isLoaded, load, reset, loading: pending > 0, error }
}
