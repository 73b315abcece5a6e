import { z } from 'zod'
import { Id, Page, PageInput, defineContract } from './common'

/** 益币 accounts and their ledger (served by the points function). */

export const LedgerEntryView = z.object({
  id: Id,
  /** Positive: earned, refunded or awarded; negative: spent, reversed, deducted or expired. */
  amount: z.number().int(),
  kind: z.enum(['credit', 'reversal', 'debit', 'refund', 'adjust', 'expiry']),
  title: z.string(),
  at: z.number().int(),
  /** The entry a reversal or refund answers. */
  reverses: Id.nullable(),
})

/** An account's figures, as its youth and a cadre in scope both see them. */
export const WalletFigures = z.object({
  balance: z.number().int(),
  earned: z.number().int(),
  spent: z.number().int(),
  /** Net of awards and deductions by cadres. */
  adjusted: z.number().int(),
  expired: z.number().int(),
  /** What expires next under the county's policy, within 90 days; `at` is the last minute it can be spent. */
  expiring: z.object({ amount: z.number().int(), at: z.number().int() }).nullable(),
})

export const walletContract = defineContract('points', {
  balance: {
    summary: '我的益币余额。',
    input: z.strictObject({}),
    output: WalletFigures.extend({
      /** Whether the youth asked to be reminded before 益币 expire. */
      remindExpiry: z.boolean(),
      /**
       * Whether the county's policy expires 益币 at a coming year end (长期有效 or no policy: false).
       * `expiring` names only what is within 90 days; this is what lets the youth ask for the reminder earlier.
       */
      expiryPolicy: z.boolean(),
    }),
  },
  setExpiryReminder: {
    summary: '开启或关闭益币到期前的订阅消息提醒。',
    input: z.strictObject({ on: z.boolean({ error: '请选择是否提醒' }) }),
    output: z.object({ remindExpiry: z.boolean() }),
  },
  listLedger: {
    summary: '我的益币明细，新的在前。',
    input: z.strictObject({ ...PageInput }),
    output: Page(LedgerEntryView),
  },
})

export type WalletContract = typeof walletContract
export type LedgerEntryViewT = z.infer<typeof LedgerEntryView>
