import type { GoodsStatus } from '../../../types/enums'
import { AppError } from '../runtime/app-error'
import type { OrgDoc } from '../org/org.rules'
import type { VenueDoc } from '../venue/venue.rules'
import type { DonorDoc, GoodsDoc, ImageCheckState } from './mall.rules'

/**
 * Goods as cadres manage them and youth browse them: pure rules (docs/domain.md "Words", 积分商城).
 * A goods item belongs to an org and is offered to the youth of that org's county; its stock lives
 * on its own document (stock.ts), so nothing here ever writes stock.
 */

/** What a rule needs of the stock: the figures, never the holders. */
export interface StockNow {
  supplied: number
  taken: number
  left: number
}

export const NO_STOCK: StockNow = { supplied: 0, taken: 0, left: 0 }

/** The county an org belongs to: whose youth its goods are for. */
export { countyOf } from '../org/org.rules'

/** The county of something that carries `underOrgs` (ancestors first, itself last). */
export function countyOfUnder(under: string[]): string | null {
  return under[0] ?? null
}

/** A card's status: 已兑完 is read from the stock, never set — an item on sale with nothing left. */
export function cardStatus(status: GoodsStatus, left: number): GoodsStatus | 'sold_out' {
  return status === 'on_sale' && left <= 0 ? 'sold_out' : status
}

/** Each image's check; a record written without checks (the seed draws its own pictures) counts as passed. */
export function imageChecksOf(g: Pick<GoodsDoc, 'images' | 'imageChecks'>): ImageCheckState[] {
  return g.images.map((_, i) => g.imageChecks?.[i] ?? 'pass')
}

/** The images anyone but the goods' managers may see: those whose check passed, in the cadre's order. */
export function shownImages(g: Pick<GoodsDoc, 'images' | 'imageChecks'>): string[] {
  const checks = imageChecksOf(g)
  return g.images.filter((_, i) => checks[i] === 'pass')
}

/** A donor's logo as others see it: only once its check passed (absent check: a directly written record). */
export function shownLogo(d: Pick<DonorDoc, 'logo' | 'logoCheck'>): string | null {
  if (!d.logo) return null
  return (d.logoCheck ?? 'pass') === 'pass' ? d.logo : null
}

/** Why a goods item may not go on sale, or null: it needs a pickup venue and a picture youth may see. */
export function onSaleRefusal(g: Pick<GoodsDoc, 'images' | 'imageChecks'>, openVenues: number): 'GOODS.NO_VENUE' | 'GOODS.NO_PASSED_IMAGE' | null {
  if (openVenues < 1) return 'GOODS.NO_VENUE'
  if (shownImages(g).length < 1) return 'GOODS.NO_PASSED_IMAGE'
  return null
}

/** Pickup venues for a goods item: each one an open pickup point of the goods' own county. */
export function assertPickupVenues(ids: string[], venues: Map<string, Pick<VenueDoc, 'kind' | 'status' | 'underOrgs'>>, county: string): void {
  for (const id of ids) {
    const v = venues.get(id)
    if (!v) throw new AppError('VENUE.NOT_FOUND')
    if (v.kind !== 'pickup') throw new AppError('GOODS.VENUE_NOT_PICKUP')
    if (countyOfUnder(v.underOrgs) !== county) throw new AppError('GOODS.VENUE_OTHER_COUNTY')
    if (v.status !== 'open') throw new AppError('VENUE.CLOSED')
  }
}

/** The venues of `ids` youth can go to now: open ones, in the cadre's order. */
export function openVenuesOf<V extends Pick<VenueDoc, 'status'>>(ids: string[], venues: Map<string, V>): V[] {
  return ids.map((id) => venues.get(id)).filter((v): v is V => !!v && v.status === 'open')
}

/** A goods item's donor is one registered in the same county (a cadre never names another county's). */
export function assertDonorFor(donor: Pick<DonorDoc, 'underOrgs'> | null, county: string): void {
  if (!donor) throw new AppError('DONOR.NOT_FOUND')
  if (countyOfUnder(donor.underOrgs) !== county) throw new AppError('DONOR.OTHER_COUNTY')
}

/**
 * Is this edit a retry of the last one applied (same key, same payload)? The same key with another
 * payload is refused (docs/bad-inputs.md §15); another key is a new edit.
 */
export function editReplay(doc: { editKey?: string; editHash?: string }, editKey: string, hash: string): boolean {
  if (doc.editKey !== editKey) return false
  if (doc.editHash !== hash) throw new AppError('GENERIC.DUPLICATE_REQUEST')
  return true
}

/** Fields whose change is recorded with its before and after (price, value and limits), beside the names of the rest. */
const WATCHED = ['price', 'unitValue', 'limitTotal', 'limitPeriod'] as const
const EDITABLE = ['donorId', 'name', 'category', 'images', 'description', 'venueIds', 'availableFrom', 'availableUntil', 'pickupDays', ...WATCHED] as const

export type GoodsEdit = Pick<GoodsDoc, (typeof EDITABLE)[number]>

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** What an edit changed, for its audit entry: `{fields, before, after}` (before/after for the watched fields only). */
export function goodsChanges(before: GoodsEdit, after: GoodsEdit): { fields: string[]; before: Record<string, unknown>; after: Record<string, unknown> } {
  const fields = EDITABLE.filter((k) => !same(before[k], after[k]))
  const watched = WATCHED.filter((k) => fields.includes(k))
  return {
    fields: [...fields],
    before: Object.fromEntries(watched.map((k) => [k, before[k]])),
    after: Object.fromEntries(watched.map((k) => [k, after[k]])),
  }
}

/**
 * Images after an edit: kept ones keep their check, new ones take the check just made. `fresh`
 * holds a check per new file id.
 */
export function mergeImageChecks(
  prev: Pick<GoodsDoc, 'images' | 'imageChecks' | 'imageTraces'> | null,
  images: string[],
  fresh: Map<string, { check: ImageCheckState; trace: string | null }>,
): { imageChecks: ImageCheckState[]; imageTraces: (string | null)[] } {
  const prevChecks = prev ? imageChecksOf(prev) : []
  const at = new Map(prev ? prev.images.map((f, i) => [f, i] as const) : [])
  const imageChecks: ImageCheckState[] = []
  const imageTraces: (string | null)[] = []
  for (const f of images) {
    const i = at.get(f)
    const made = fresh.get(f)
    if (made) {
      imageChecks.push(made.check)
      imageTraces.push(made.trace)
    } else if (i !== undefined) {
      imageChecks.push(prevChecks[i])
      imageTraces.push(prev?.imageTraces?.[i] ?? null)
    } else {
      throw new Error(`image ${f} has no check`)
    }
  }
  return { imageChecks, imageTraces }
}

/** The images of `images` that an edit adds (kept ones are not checked again). */
export function newImages(prev: Pick<GoodsDoc, 'images'> | null, images: string[]): string[] {
  const had = new Set(prev?.images ?? [])
  return images.filter((f) => !had.has(f))
}

/** Applies a pushed verdict to the images still waiting for that trace; null when none waits for it. */
export function applyImageVerdict(g: Pick<GoodsDoc, 'images' | 'imageChecks' | 'imageTraces'>, trace: string, passed: boolean) {
  const traces = g.imageTraces ?? []
  if (!traces.includes(trace)) return null
  const checks = imageChecksOf(g)
  return {
    imageChecks: checks.map((c, i) => (traces[i] === trace ? (passed ? 'pass' : 'risky') : c)) as ImageCheckState[],
    imageTraces: g.images.map((_, i) => (traces[i] === trace ? null : (traces[i] ?? null))),
  }
}
