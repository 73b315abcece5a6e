import type { PointsContract } from '../../../../types/contract/points'
import { getDonors } from '../../../_core/mall/donor.repo'
import { toDonorView } from '../../../_core/mall/donor.rules'
import { shownLogo } from '../../../_core/mall/goods.rules'
import { pageGivers, redeemedByDonors } from '../../../_core/mall/recognition.repo'
import { figuresOf } from '../../../_core/mall/recognition.rules'
import { urlsFor } from '../../../_core/platform'
import type { Action } from '../../../_core/runtime/serve'
import { boardCounty } from './board-county'

/**
 * Public: a county's 爱心企业榜, most value given first. A page costs the same however many orders the
 * county has: one aggregate ranks the givers, one reads their donor documents, one aggregate counts what
 * was redeemed of the page's donors, one call signs the logos. Contacts never leave (toDonorView).
 */
export const donorBoard: Action<PointsContract, 'donorBoard'> = async (input, ctx) => {
  const county = await boardCounty(ctx.db, input.orgId)
  const page = await pageGivers(ctx.db, county._id, input)
  const ids = page.items.map((g) => g.donorId)
  const [donors, redeemed] = await Promise.all([getDonors(ctx.db, ids), redeemedByDonors(ctx.db, ids)])
  const urls = await urlsFor(ctx.platform.storage, [...donors.values()].map(shownLogo))
  const items = page.items.flatMap(({ donorId, given }) => {
    const d = donors.get(donorId)
    // Goods naming a donor that is not on file have nobody to thank: left out, never shown nameless.
    if (!d) return []
    const view = toDonorView(d, (d.logo && urls.get(d.logo)) || null)
    return [{ id: view.id, name: view.name, logo: view.logo, story: view.story, figures: figuresOf(given, redeemed.get(donorId)) }]
  })
  return { items, nextCursor: page.nextCursor }
}
