import type { PointsContract } from '../../../../types/contract/points'
import { MANAGER_ROLES, requireScope } from '../../../_core/access'
import { requireDonor } from '../../../_core/mall/donor.repo'
import { certificatesOf } from '../../../_core/mall/recognition.repo'
import { checkedCertificate } from '../../../_core/mall/recognition.rules'
import type { Action } from '../../../_core/runtime/serve'

/**
 * The 爱心证书 issued to a donor, newest first, for those who may issue one (a cadre or admin whose
 * scope covers the donor's org — the same check as issueDonorCertificate): each as printed, with its
 * issuing org, so a cadre can open one again without having kept its serial.
 */
export const donorCertificates: Action<PointsContract, 'donorCertificates'> = async (input, ctx) => {
  const donor = await requireDonor(ctx.db, input.donorId)
  await requireScope(ctx, donor.orgId, MANAGER_ROLES)
  const page = await certificatesOf(ctx.db, donor._id, input)
  return { items: page.items.map(checkedCertificate), nextCursor: page.nextCursor }
}
