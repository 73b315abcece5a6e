import type { PointsContract } from '../../../../types/contract/points'
import { countyFigures } from '../../../_core/mall/recognition.repo'
import { figuresOf } from '../../../_core/mall/recognition.rules'
import type { Action } from '../../../_core/runtime/serve'
import { boardCounty } from './board-county'

/** Public: the board's heading — the county, how many donors gave, and the county's totals (two aggregates). */
export const donorBoardSummary: Action<PointsContract, 'donorBoardSummary'> = async (input, ctx) => {
  const county = await boardCounty(ctx.db, input.orgId)
  const { donors, given, redeemed } = await countyFigures(ctx.db, county._id)
  return { county: { id: county._id, name: county.name }, donors, figures: figuresOf(given, redeemed) }
}
