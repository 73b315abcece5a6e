import type { StationContract } from '../../../types/contract/station'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import type { Action } from '../../_core/runtime/serve'
import { sortByName, toStationViews, treeOrder, venuesUnder } from '../../_core/station'

/** An org's stations in tree order and its youth homes by name, for a cadre whose scope covers the org. */
export const listStations: Action<StationContract, 'listStations'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const [stations, homes] = await Promise.all([venuesUnder(ctx.db, org._id, 'station'), venuesUnder(ctx.db, org._id, 'youth_home')])
  const [stationViews, homeViews] = await Promise.all([toStationViews(ctx.db, treeOrder(stations)), toStationViews(ctx.db, sortByName(homes), stations)])
  return { stations: stationViews, homes: homeViews }
}
