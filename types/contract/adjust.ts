import { z } from 'zod'
import { Id, RequestId, Text, defineContract } from './common'
import { LedgerEntryView, WalletFigures } from './wallet'

/**
 * What admins and cadres do to 益币 accounts (served by the points function): award or deduct with a
 * reason, and the county's expiry policy. Apart from wallet.ts so that the youth's pages carry none of it.
 */

/** An account as a cadre in scope sees it before adjusting. */
/** The longest expiry period a county may set, in years. */
export const MAX_EXPIRE_YEARS = 5

export const AccountSummary = WalletFigures.extend({
  userId: Id,
  realName: z.string(),
  phoneMasked: z.string(),
  orgName: z.string(),
})

export const PointsPolicyView = z.object({
  countyId: Id,
  countyName: z.string(),
  /** 益币 earned in a year expire at the end of the year this many years later; null: they never expire. */
  expireAfterYears: z.number().int().nullable(),
  /** The next moment some 益币 expire under the policy (the exclusive end of a year), or null. */
  nextDeadline: z.number().int().nullable(),
  setAt: z.number().int().nullable(),
})

export const AdjustInput = z.strictObject({
  /** Made once on the phone per adjustment and sent again on every retry. */
  requestId: RequestId,
  userId: Id,
  amount: z
    .number({ error: '请填写益币数量' })
    .int({ error: '益币数量须为整数' })
    .min(-100000, { error: '一次最多扣减100000益币' })
    .max(100000, { error: '一次最多奖励100000益币' })
    .refine((n) => n !== 0, { error: '益币数量不能为0' }),
  reason: Text('原因', 60, { min: 2 }),
})

export const adjustContract = defineContract('points', {
  youthAccount: {
    summary: '团干部查看自己范围内某位青年的益币余额（手机号打码）。',
    input: z.strictObject({ userId: Id }),
    output: z.object({ account: AccountSummary }),
  },
  adjustPoints: {
    summary: '管理员或团干部为范围内的青年奖励或扣减益币并写明原因：记一笔调整，不改动已有明细；扣减不能使余额小于0；同一提交编号只生效一次。',
    audit: true,
    input: AdjustInput,
    output: z.object({ entry: LedgerEntryView, account: AccountSummary }),
  },
  getPointsPolicy: {
    summary: '查看县区的益币有效期规则。',
    input: z.strictObject({ countyId: Id }),
    output: z.object({ policy: PointsPolicyView }),
  },
  setPointsPolicy: {
    summary: '县区团委管理员设置益币有效期：某年获得的益币在若干年后的年底过期（先用先到期的）；不设则不过期。只对设置之后的到期日生效。',
    audit: true,
    input: z.strictObject({
      countyId: Id,
      expireAfterYears: z.number({ error: '请选择有效期' }).int({ error: '有效期须为整年' }).min(1, { error: '有效期至少1年' }).max(MAX_EXPIRE_YEARS, { error: `有效期最多${MAX_EXPIRE_YEARS}年` }).nullable(),
    }),
    output: z.object({ policy: PointsPolicyView }),
  },
  expirePoints: {
    summary: '定时：到期未用的益币记一笔过期（每人每年一次，不会使余额小于0）；到期前30天提醒订阅了提醒的青年；分批处理。',
    timer: true,
    input: z.strictObject({}),
    output: z.object({ expired: z.number().int(), reminded: z.number().int(), more: z.boolean() }),
  },
})

export type AdjustContract = typeof adjustContract
export type AccountSummaryT = z.infer<typeof AccountSummary>
export type PointsPolicyViewT = z.infer<typeof PointsPolicyView>
