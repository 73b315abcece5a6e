import type { GoodsStatus, OrderStatus } from '../../../types/enums'
import type { DonorFiguresT } from '../../../types/contract/donors'
import { serialFromHash } from '../hours/hours.rules'
import type { OrgDoc } from '../org/org.rules'

/**
 * Donor recognition (爱心企业榜, 爱心证书): pure rules. What a donor gave is counted over its goods
 * that were ever offered; what was redeemed over the orders that still stand. No SDK, no clock.
 */

/**
 * Goods that were ever on sale: on sale now, or off the shelf (a draft never reached anyone and gives
 * nothing to thank for). The goods' status is the only record of having been offered, so an item
 * taken off the shelf straight from a draft would count too (docs/mall.md, "Donor recognition").
 */
export const LISTED_GOODS_STATUSES: readonly GoodsStatus[] = ['on_sale', 'off_shelf']

/** Orders whose units were redeemed: waiting for pickup or picked up. Cancelled and expired ones gave their units back. */
export const REDEEMED_ORDER_STATUSES: readonly OrderStatus[] = ['ready', 'picked_up']

export type DonorFigures = DonorFiguresT

export interface GivenFigures {
  goods: number
  units: number
  value: number
}

export interface RedeemedFigures {
  units: number
  value: number
  volunteers: number
}

export const NOTHING_GIVEN: GivenFigures = { goods: 0, units: 0, value: 0 }
export const NOTHING_REDEEMED: RedeemedFigures = { units: 0, value: 0, volunteers: 0 }

export function figuresOf(given: GivenFigures = NOTHING_GIVEN, redeemed: RedeemedFigures = NOTHING_REDEEMED): DonorFigures {
  return {
    goods: given.goods,
    givenUnits: given.units,
    givenValue: given.value,
    redeemedUnits: redeemed.units,
    redeemedValue: redeemed.value,
    volunteers: redeemed.volunteers,
  }
}

/**
 * One certificate, keyed by its serial. Everything printed is kept as printed, so the public check
 * shows what the donor holds even after the name or the figures moved on.
 */
export interface DonorCertificateDoc {
  _id: string // the serial
  donorId: string
  donorName: string
  /** The issuing org and its name at the issue. */
  orgId: string
  orgName: string
  figures: DonorFigures
  /** What the request key stood for (the donor): the same key naming another donor is refused. */
  requestHash: string
  issuedAt: number
}

/**
 * A certificate as printed, and as the public check confirms it: nothing withdraws a donor certificate,
 * so every one on file is valid.
 */
export function checkedCertificate(c: DonorCertificateDoc) {
  return { valid: true as const, serial: c._id, donorName: c.donorName, orgName: c.orgName, figures: c.figures, issuedAt: c.issuedAt }
}

/**
 * A donor certificate's serial, `UXXX-XXXX-XXXX`, from a keyed hash of the issuer and their request
 * key: a retry of the request lands on the same certificate, and nobody without the key can make a
 * serial that exists. The hash is read as a volunteer certificate's is (hours.rules.ts serialFromHash);
 * the leading U, which no volunteer serial has, tells the verification page which check to ask for.
 */
export function donorSerialFromHash(hash: string): string {
  return `U${serialFromHash(hash).slice(1)}`
}

export function donorSerialInput(openid: string, requestId: string): string {
  return `donor-certificate:${openid}|${requestId}`
}

/**
 * Which org issues the certificate: of the caller's orgs that cover the donor, the one highest in the
 * tree (a county cadre who is also a township cadre issues in the county's name).
 */
export function issuingOrg(covering: Pick<OrgDoc, '_id' | 'depth' | 'name' | 'path'>[]): Pick<OrgDoc, '_id' | 'depth' | 'name' | 'path'> {
  if (!covering.length) throw new Error('no covering org to issue from')
  return [...covering].sort((a, b) => a.depth - b.depth || (a._id < b._id ? -1 : 1))[0]
}
