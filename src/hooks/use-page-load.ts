import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react'
import { useDidShow } from '@tarojs/taro'
import { toApiError, type ApiError } from '../services/api'

export interface PageLoad<T> {
  /** The last answer; null until the first one (and again when the page's subject changes). */
  data: T | null
  error: ApiError | null
  /** True while an answer is awaited: the first load and every reload. */
  loading: boolean
  /** Asks again (重试, a page shown again); what is shown stays until the answer. */
  reload: () => Promise<void>
  /** Puts a newer value in place without a round trip (the answer of an action on the page). */
  setData: Dispatch<SetStateAction<T | null>>
}

/**
 * What a page shows once its request answers: the answer, or why it failed and a way to try again.
 * `load` changes when its inputs do (another id, another serial): the page then starts over with
 * nothing shown. `null` means there is nothing to load. An older answer never replaces a newer one.
 * `load` must keep its identity between renders (useCallback, or a function outside the component).
 */
export function usePageLoad<T>(load: (() => Promise<T>) | null, label: string): PageLoad<T> {
  // Each answer remembers the request it answers, so the answer about another subject is never shown.
  const [answer, setAnswer] = useState<{ load: () => Promise<T>; data: T | null; error: ApiError | null } | null>(null)
  const [waiting, setWaiting] = useState(false)
  const latest = useRef(0)

  const run = useCallback(async () => {
    if (!load) return
    const ticket = ++latest.current
    setWaiting(true)
    try {
      const data = await load()
      if (ticket === latest.current) setAnswer({ load, data, error: null })
    } catch (e) {
      const error = toApiError(e, label)
      if (ticket === latest.current) setAnswer((prev) => ({ load, data: prev?.load === load ? prev.data : null, error }))
    } finally {
      if (ticket === latest.current) setWaiting(false)
    }
  }, [load, label])

  useEffect(() => {
    void run()
  }, [run])

  const current = answer && answer.load === load ? answer : null
  const setData = useCallback<Dispatch<SetStateAction<T | null>>>(
    (next) => setAnswer((prev) => (prev ? { ...prev, data: typeof next === 'function' ? (next as (p: T | null) => T | null)(prev.data) : next } : prev)),
    [],
  )
  return {
    data: current?.data ?? null,
    error: current?.error ?? null,
    // Before the first answer about this subject, the page is waiting for it.
    loading: load !== null && (waiting || !current),
    reload: run,
    setData,
  }
}

/**
 * Runs `fn` each time the page is shown again — back from a page it opened, or from the background —
 * but not when it is first shown (the page loads then anyway).
 */
export function useShownAgain(fn: () => void): void {
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) fn()
    shown.current = true
  })
}
