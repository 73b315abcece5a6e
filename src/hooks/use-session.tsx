import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type PropsWithChildren } from 'react'
import type { OutputOf } from '../../types/contract/common'
import type { ProfileViewT, UserContract } from '../../types/contract/user'
import { toApiError, type ApiError } from '../services/api'
import { accountApi } from '../services/api/account'
import { rememberElderMode, storedElderMode } from '../utils/storage'

export type Me = OutputOf<UserContract, 'me'>

export interface Session {
  me: Me | null
  /** True until the first `me` answer (or failure). */
  loading: boolean
  error: ApiError | null
  /** Loads `me` again; resolves to the new value (null on failure, with `error` set). */
  refresh: () => Promise<Me | null>
  /** Puts a profile returned by register/updateProfile into the session without another round trip. */
  setProfile: (profile: ProfileViewT) => void
  /** Large text: the profile's `elderMode` once registered, a device preference before. */
  elderMode: boolean
  setElderMode: (on: boolean) => Promise<void>
}

const SessionContext = createContext<Session | null>(null)

export function SessionProvider({ children, autoLoad = true }: PropsWithChildren<{ autoLoad?: boolean }>) {
  const [me, setMe] = useState<Me | null>(null)
  const [loading, setLoading] = useState(autoLoad)
  const [error, setError] = useState<ApiError | null>(null)
  const [localElder, setLocalElder] = useState<boolean>(() => storedElderMode())
  const inflight = useRef<Promise<Me | null> | null>(null)

  const refresh = useCallback((): Promise<Me | null> => {
    if (inflight.current) return inflight.current
    setLoading(true)
    const p = accountApi
      .me({})
      .then((value) => {
        setMe(value)
        setError(null)
        if (value.profile) {
          // Keep the device preference in step so the next cold start opens in the right size.
          rememberElderMode(value.profile.elderMode)
          setLocalElder(value.profile.elderMode)
        }
        return value
      })
      .catch((e: unknown) => {
        setError(toApiError(e, 'user.me'))
        return null
      })
      .finally(() => {
        inflight.current = null
        setLoading(false)
      })
    inflight.current = p
    return p
  }, [])

  useEffect(() => {
    if (autoLoad) void refresh()
  }, [autoLoad, refresh])

  const setProfile = useCallback((profile: ProfileViewT) => {
    setMe((prev) => (prev ? { ...prev, profile } : prev))
    rememberElderMode(profile.elderMode)
    setLocalElder(profile.elderMode)
  }, [])

  const profile = me?.profile ?? null
  const elderMode = profile ? profile.elderMode : localElder

  const setElderMode = useCallback(
    async (on: boolean) => {
      const previous = localElder
      rememberElderMode(on)
      setLocalElder(on)
      if (!profile) return
      // Optimistic: the page grows at once; roll back if the server refuses.
      setMe((prev) => (prev?.profile ? { ...prev, profile: { ...prev.profile, elderMode: on } } : prev))
      try {
        const res = await accountApi.updateProfile({ elderMode: on })
        setProfile(res.profile)
      } catch (e) {
        rememberElderMode(previous)
        setLocalElder(previous)
        setMe((prev) => (prev?.profile ? { ...prev, profile: { ...prev.profile, elderMode: previous } } : prev))
        throw toApiError(e, 'user.updateProfile')
      }
    },
    [localElder, profile, setProfile],
  )

  const value = useMemo<Session>(
    () => ({ me, loading, error, refresh, setProfile, elderMode, setElderMode }),
    [me, loading, error, refresh, setProfile, elderMode, setElderMode],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession() outside <SessionProvider>')
  return session
}
