import type { PointsContract } from '../../../../types/contract/points'
import { MANAGER_ROLES, requireScope, rolesCovering } from '../../../_core/access'
import { requireDonor } from '../../../_core/mall/donor.repo'
import { getDonorCertificate, givenBy, putDonorCertificate, redeemedByDonors, txDonorCertificate } from '../../../_core/mall/recognition.repo'
import { donorSerialFromHash, donorSerialInput, figuresOf, issuingOrg, type DonorCertificateDoc } from '../../../_core/mall/recognition.rules'
import { getOrgs } from '../../../_core/org/org.repo'
import { AppError } from '../../../_core/runtime/app-error'
import { transaction } from '../../../_core/runtime/db'
import { requestHash } from '../../../_core/runtime/idempotency'
import type { Action } from '../../../_core/runtime/serve'

const view = (c: DonorCertificateDoc) => ({ serial: c._id, donorName: c.donorName, orgName: c.orgName, figures: c.figures, issuedAt: c.issuedAt })

/**
 * 爱心证书 for a donor, issued by a cadre whose scope covers the donor's org. It records the figures
 * as they stand (the board's own aggregates) and the issuing org; its serial comes from the caller
 * and their request key, so a retry after a lost reply — or fifty copies at once — is answered with
 * the one certificate, and the same key naming another donor is refused.
 */
export const issueDonorCertificate: Action<PointsContract, 'issueDonorCertificate'> = async (input, ctx) => {
  const openid = ctx.openid()
  const donor = await requireDonor(ctx.db, input.donorId)
  const { org, roles } = await requireScope(ctx, donor.orgId, MANAGER_ROLES)
  const serial = donorSerialFromHash(ctx.secrets().hash(donorSerialInput(openid, input.requestId)))
  const hash = requestHash({ donorId: donor._id })

  const replay = (c: DonorCertificateDoc) => {
    if (c.requestHash !== hash) throw new AppError('GENERIC.DUPLICATE_REQUEST')
    ctx.audit.replay()
    return { certificate: view(c) }
  }
  const earlier = await getDonorCertificate(ctx.db, serial)
  if (earlier) return replay(earlier)

  const [given, redeemed] = await Promise.all([givenBy(ctx.db, donor._id), redeemedByDonors(ctx.db, [donor._id])])
  if (given.goods === 0) throw new AppError('DONOR.NOTHING_GIVEN')
  const covering = await getOrgs(ctx.db, rolesCovering(roles, org, MANAGER_ROLES).map((r) => r.orgId))
  const issuer = issuingOrg([...covering.values()])
  const now = ctx.clock.now()
  const cert: DonorCertificateDoc = {
    _id: serial,
    donorId: donor._id,
    donorName: donor.name,
    orgId: issuer._id,
    orgName: issuer.name,
    figures: figuresOf(given, redeemed.get(donor._id)),
    requestHash: hash,
    issuedAt: now,
  }
  return transaction(ctx.db, async (tx) => {
    const seen = await txDonorCertificate(tx, serial)
    if (seen) return replay(seen)
    await putDonorCertificate(tx, cert)
    await ctx.audit.write(tx, {
      target: { type: 'donor_certificate', id: serial },
      orgId: org._id,
      orgPath: org.path,
      detail: { donorId: donor._id, issuerOrgId: issuer._id, figures: cert.figures },
    })
    return { certificate: view(cert) }
  })
}
