import { z } from 'zod'
import { accountContract } from './account'
import { adminContract } from './admin'
import { defineContract, Empty } from './common'

/**
 * The user function's whole contract, put together from its parts: a person's own account and what
 * cadres and admins do in their scope, and the function's own timer. The server and the docs read
 * this; the app imports only the part a page calls (src/services/api/).
 */
export const userContract = defineContract('user', {
  ...accountContract.actions,
  ...adminContract.actions,
  followOrgMoves: {
    summary: '定时：团组织移动后，若其下场所、物资、爱心企业和订单还未改到新的上级之下（移动者中途出错），补做并清除标记；可重复执行。',
    timer: true,
    input: Empty,
    output: z.object({ finished: z.number().int(), failed: z.number().int(), more: z.boolean() }),
  },
})

export type UserContract = typeof userContract

export * from './account'
export * from './admin'
