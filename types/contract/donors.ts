import { z } from 'zod'
import { Id, Page, PageInput, RequestId, defineContract } from './common'

/**
 * Donor recognition (points function): the public 爱心企业榜 of a county and the donor certificates
 * (爱心证书) its cadres issue, with their public check. The board and the check need no login; nothing
 * here ever carries a donor's contact person or phone.
 */

/** A donor certificate's serial: `UXXX-XXXX-XXXX`. Volunteer serials never start with U (their alphabet has none). */
export const DONOR_SERIAL_PATTERN = /^U[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/

/** Tells a donor certificate's serial from a volunteer certificate's (both open the same verification link). */
export function isDonorSerial(serial: string): boolean {
  return serial.startsWith('U')
}

/**
 * What a donor gave and what became of it. Values are in fen (1 元 = 100 分), as `unitValue` is:
 * given = units supplied across its goods that were ever on sale × each goods' unit value now;
 * redeemed = units in orders not cancelled or expired × the unit value the order was placed at.
 */
export const DonorFigures = z.object({
  /** Goods items that were ever on sale. */
  goods: z.number().int(),
  givenUnits: z.number().int(),
  givenValue: z.number().int(),
  redeemedUnits: z.number().int(),
  redeemedValue: z.number().int(),
  /** Distinct volunteers with such an order. */
  volunteers: z.number().int(),
})

export const DonorBoardCard = z.object({
  id: Id,
  name: z.string(),
  /** A temporary URL of the logo, present only once its content check passed. */
  logo: z.string().nullable(),
  story: z.string(),
  figures: DonorFigures,
})

/** A donor certificate as printed: the name, the figures and the issuing org at the moment of issue. */
export const DonorCertificate = z.object({
  serial: z.string(),
  donorName: z.string(),
  /** The org that issued it (the cadre's own org that covers the donor). */
  orgName: z.string(),
  figures: DonorFigures,
  issuedAt: z.number().int(),
})

/**
 * A certificate as the public check confirms it. Nothing withdraws a donor certificate, so every one
 * on file is valid: the field says so to whoever checks or lists it, in the check's own words.
 */
export const CheckedDonorCertificate = DonorCertificate.extend({ valid: z.literal(true) })

const BoardOrg = { orgId: Id }

export const donorsContract = defineContract('points', {
  donorBoard: {
    summary: '爱心企业榜（公开，无需登录）：一个县的爱心企业，按捐赠物资价值排列，含捐赠件数和价值、已兑换件数和价值、兑换人数；不含联系人和电话。',
    public: true,
    input: z.strictObject({ ...BoardOrg, ...PageInput }),
    output: Page(DonorBoardCard),
  },
  donorBoardSummary: {
    summary: '爱心企业榜的总览（公开）：县名、上榜企业数，以及全县合计的捐赠、兑换和兑换人数。',
    public: true,
    input: z.strictObject(BoardOrg),
    output: z.object({ county: z.object({ id: Id, name: z.string() }), donors: z.number().int(), figures: DonorFigures }),
  },
  issueDonorCertificate: {
    summary: '团干部为本组织范围内的爱心企业出具爱心证书：记录出具时的捐赠和兑换数据，带编号和验真二维码；同一提交编号只出具一次。',
    audit: true,
    input: z.strictObject({ donorId: Id, requestId: RequestId }),
    output: z.object({ certificate: DonorCertificate }),
  },
  verifyDonorCertificate: {
    summary: '公开验真：按编号确认爱心证书由平台出具，显示证书上印的企业名称、数据、出具组织和日期。',
    public: true,
    input: z.strictObject({ serial: z.string().trim().regex(DONOR_SERIAL_PATTERN, { error: '证书编号格式不正确' }) }),
    output: CheckedDonorCertificate,
  },
  donorCertificates: {
    summary: '团干部查看本组织范围内一家爱心企业已出具的爱心证书：新的在前，含编号、出具日期、出具组织、证书上印的数据和是否有效。',
    input: z.strictObject({ donorId: Id, ...PageInput }),
    output: Page(CheckedDonorCertificate),
  },
})

export type DonorsContract = typeof donorsContract
export type DonorFiguresT = z.infer<typeof DonorFigures>
export type DonorBoardCardT = z.infer<typeof DonorBoardCard>
export type DonorCertificateT = z.infer<typeof DonorCertificate>
export type CheckedDonorCertificateT = z.infer<typeof CheckedDonorCertificate>
