import { useCallback, useEffect, useRef, useState } from 'react'
import type { PageOf } from '../../types/contract/common'
import { toApiError, type ApiError } from '../services/api'

export interface PagedList<T> {
  items: T[]
  loading: boolean
  error: ApiError | null
  hasMore: boolean
  loadMore: () => Promise<void>
  reload: () => Promise<void>
}

/**
 * Cursor paging (「加载更多」). `fetchPage` changes when its inputs change (org, search word):
 * the list then starts again from the first page. `null` means "nothing to load yet".
 */
export function usePagedList<T>(fetchPage: ((cursor?: string) => Promise<PageOf<T>>) | null, label = 'list'): PagedList<T> {
  const [items, setItems] = useState<T[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const generation = useRef(0)

  const fetchInto = useCallback(
    async (from: string | undefined, append: boolean) => {
      if (!fetchPage) return
      const gen = generation.current
      setLoading(true)
      setError(null)
      try {
        const page = await fetchPage(from)
        if (gen !== generation.current) return // a newer query replaced this one
        setItems((prev) => (append ? [...prev, ...page.items] : page.items))
        setCursor(page.nextCursor)
      } catch (e) {
        if (gen === generation.current) setError(toApiError(e, label))
      } finally {
        if (gen === generation.current) setLoading(false)
      }
    },
    [fetchPage, label],
  )

  const reload = useCallback(async () => {
    generation.current += 1
    setItems([])
    setCursor(null)
    await fetchInto(undefined, false)
  }, [fetchInto])

  useEffect(() => {
    void reload()
  }, [reload])

  const loadMore = useCallback(async () => {
    if (cursor && !loading) await fetchInto(cursor, true)
  }, [cursor, loading, fetchInto])

  return { items, loading, error, hasMore: cursor !== null, loadMore, reload }
}
