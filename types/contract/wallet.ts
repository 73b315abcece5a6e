import { z } from 'zod'
import { Id, Page, PageInput, defineContract } from './common'

/** 益币 accounts and their ledger (served by the points function). */

export const LedgerEntryView = z.object({
  id: Id,
  /** Positive: earned or refunded; negative: spent or reversed. */
  amount: z.number().int(),
  kind: z.enum(['credit', 'reversal', 'debit', 'refund']),
  title: z.string(),
  at: z.number().int(),
  /** The entry a reversal or refund answers. */
  reverses: Id.nullable(),
})

export const walletContract = defineContract('points', {
  balance: {
    summary: '我的益币余额。',
    input: z.strictObject({}),
    output: z.object({ balance: z.number().int(), earned: z.number().int(), spent: z.number().int() }),
  },
  listLedger: {
    summary: '我的益币明细，新的在前。',
    input: z.strictObject({ ...PageInput }),
    output: Page(LedgerEntryView),
  },
})

export type WalletContract = typeof walletContract
export type LedgerEntryViewT = z.infer<typeof LedgerEntryView>
