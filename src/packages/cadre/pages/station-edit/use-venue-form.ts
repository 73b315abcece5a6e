import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import type { StationViewT } from '../../../../../types/contract/station'
import { usePageLoad, type PageLoad } from '../../../../hooks/use-page-load'
import { usePageParams } from '../../../../hooks/use-page-params'
import { useScopeOrg } from '../../../../hooks/use-scope-org'
import { toApiError } from '../../../../services/api'
import { stationApi } from '../../../../services/api/station'
import type { FieldErrors } from '../../../../utils/form'
import type { OrgRef } from '../../../../utils/roles'
import { FIELD_OF_CODE, venueIssues, type PlaceDraft } from './draft'

interface Options<D extends PlaceDraft> {
  kind: StationViewT['kind']
  fresh: (org: OrgRef | null) => D
  from: (v: StationViewT) => D
  /** Checks the draft with the shared schema: the input to send, or the messages by field. */
  check: (d: D) => { input: unknown } | { errors: FieldErrors }
  send: (input: never) => Promise<{ venue: StationViewT }>
  label: string
}

export interface VenueForm<D extends PlaceDraft> {
  roots: OrgRef[]
  /** The saved venue being edited (null for a new one, and until it has loaded). */
  loaded: Pick<PageLoad<unknown>, 'error' | 'loading' | 'reload'> | null
  draft: D
  errors: FieldErrors
  notice: { kind: 'error' | 'success'; text: string } | null
  busy: boolean
  set: <K extends keyof D>(key: K, value: D[K]) => void
  patch: (p: Partial<D>, clears: string[]) => void
  save: () => Promise<void>
  /** The stations of the venue's org (parent and shared-room choices). */
  stations: PageLoad<{ stations: StationViewT[]; homes: StationViewT[] }>
}

/** Which red messages a change of a draft key clears. */
const CLEARS: Record<string, string[]> = { org: ['orgId'], lat: ['lat', 'lng'], lng: ['lat', 'lng'], funding: [] }

/**
 * The station and youth-home forms: the venue named by `?venueId=` loaded (or a new one under
 * `?orgId=`), typed into, checked with the shared schema, saved with the same requestId until it is.
 */
export function useVenueForm<D extends PlaceDraft>({ kind, fresh, from, check, send, label }: Options<D>): VenueForm<D> {
  const params = usePageParams('venueId', 'orgId', 'orgName')
  const { roots } = useScopeOrg('cadre', 'admin')
  const [draft, setDraft] = useState<D>(() => fresh(params.orgId ? { id: params.orgId, name: params.orgName || '所选组织' } : null))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState<VenueForm<D>['notice']>(null)
  const [busy, setBusy] = useState(false)

  const fetchVenue = useCallback(() => stationApi.getStation({ venueId: params.venueId }), [params.venueId])
  const venue = usePageLoad(params.venueId ? fetchVenue : null, 'station.getStation')
  useEffect(() => {
    if (venue.data) setDraft(from(venue.data.venue))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [venue.data])

  useEffect(() => {
    if (!params.venueId && !draft.org && roots.length) setDraft((d) => ({ ...d, org: roots[0] }))
  }, [params.venueId, draft.org, roots])

  const orgId = draft.org?.id
  const fetchStations = useCallback(() => stationApi.listStations({ orgId: orgId! }), [orgId])
  const stations = usePageLoad(orgId ? fetchStations : null, 'station.listStations')

  const isNew = !draft.venueId
  useEffect(() => {
    const noun = kind === 'station' ? '联络站' : '青年之家'
    void Taro.setNavigationBarTitle({ title: isNew ? `新建${noun}` : `修改${noun}` }).catch(() => undefined)
  }, [isNew, kind])

  const patch = (p: Partial<D>, clears: string[]) => {
    setDraft((d) => ({ ...d, ...p }))
    setErrors((e) => (clears.some((k) => e[k]) ? Object.fromEntries(Object.entries(e).filter(([k]) => !clears.includes(k))) : e))
  }
  const set = <K extends keyof D>(key: K, value: D[K]) => patch({ [key]: value } as unknown as Partial<D>, CLEARS[key as string] ?? [key as string])

  const save = async () => {
    if (busy) return
    setNotice(null)
    const checked = check(draft)
    if ('errors' in checked) {
      setErrors(checked.errors)
      setNotice({ kind: 'error', text: '有几项需要修改，请看红色提示。' })
      return
    }
    setErrors({})
    setBusy(true)
    try {
      const saved = await send(checked.input as never)
      // The next change is a new request: a fresh key, the venue as the server keeps it.
      setDraft(from(saved.venue))
      setNotice({ kind: 'success', text: isNew ? `已新建「${saved.venue.name}」。` : `「${saved.venue.name}」的修改已保存。` })
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      const err = toApiError(e, label)
      const found = err.issues ? venueIssues(err.issues) : {}
      const field = FIELD_OF_CODE[err.code]
      if (field && !found[field]) found[field] = err.message
      setErrors(found)
      // The same requestId goes with the next attempt: a save whose reply was lost is not made twice.
      setNotice({ kind: 'error', text: err.message })
    } finally {
      setBusy(false)
    }
  }

  return { roots, loaded: params.venueId ? venue : null, draft, errors, notice, busy, set, patch, save, stations }
}
