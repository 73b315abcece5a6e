import { defineContract } from './common'

/** Donor recognition: the public 爱心企业榜 and donor certificates (points function). */
export const donorsContract = defineContract('points', {})
