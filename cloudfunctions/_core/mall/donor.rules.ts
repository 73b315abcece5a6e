import { maskName } from '../hours/hours.rules'
import type { DonorDoc } from './mall.rules'
import { shownLogo } from './goods.rules'

/**
 * Donors (爱心企业) as people see them: pure rules. The contact person and phone are for the cadres
 * who stock the mall, and even they see them masked (docs/domain.md invariant 9); the phone itself
 * is kept only as ciphertext (`contactPhoneEnc`).
 */

/** The public face: name, story and a logo that passed its check (`logoUrl` is its temporary URL). */
export function toDonorView(d: DonorDoc, logoUrl: string | null) {
  return { id: d._id, name: d.name, logo: shownLogo(d) ? logoUrl : null, story: d.story, orgId: d.orgId }
}

/** What its cadres see: the logo whatever its check says, the contact masked, how many goods it gave. */
export function toDonorAdminView(d: DonorDoc, extra: { orgName: string; logoUrl: string | null; goodsCount: number }) {
  return {
    id: d._id,
    name: d.name,
    logo: extra.logoUrl,
    story: d.story,
    orgId: d.orgId,
    orgName: extra.orgName,
    logoFileId: d.logo,
    logoCheck: d.logo ? (d.logoCheck ?? 'pass') : null,
    contactName: maskName(d.contactName),
    contactPhoneMasked: d.contactPhoneMasked,
    goodsCount: extra.goodsCount,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  }
}
