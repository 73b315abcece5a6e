import { defineContract } from './common'

/** Donors and goods: the catalogue youth browse and its management by cadres (points function). */
export const goodsContract = defineContract('points', {})
