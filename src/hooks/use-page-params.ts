import { useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'

/** The page's query (`?id=…&mode=…`), decoded; missing keys are ''. */
export function usePageParams<K extends string>(...keys: K[]): Record<K, string> {
  const router = Taro.useRouter()
  const params = (router?.params ?? {}) as Record<string, string | undefined>
  const key = keys.map((k) => params[k] ?? '').join('\u0000')
  return useMemo(() => {
    const out = {} as Record<K, string>
    for (const k of keys) {
      const raw = params[k] ?? ''
      let value = raw
      try {
        value = decodeURIComponent(raw)
      } catch {
        // Already decoded (or not encoded at all).
      }
      out[k] = value
    }
    return out
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
}

/** The clock, ticking every `everyMs` (windows open and close while a page stays on screen). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(t)
  }, [everyMs])
  // A page shown again (back from check-in, say) must not keep an old time for up to `everyMs`.
  Taro.useDidShow(() => setNow(Date.now()))
  return now
}
