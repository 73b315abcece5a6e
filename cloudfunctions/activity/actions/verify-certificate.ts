import type { ActivityContract } from '../../../types/contract/activity'
import { findBySerial, maskName, starsFor } from '../../_core/hours'
import { getProfile } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/** Public: anyone holding a printed certificate may check it; they learn a masked name and the total, nothing else. */
export const verifyCertificate: Action<ActivityContract, 'verifyCertificate'> = async (input, ctx) => {
  const cert = await findBySerial(ctx.db, input.serial)
  if (!cert) throw new AppError('CERT.NOT_FOUND')
  const holder = await getProfile(ctx.db, cert.userId)
  if (!holder) throw new AppError('CERT.NOT_FOUND')
  return {
    valid: true as const,
    holderName: maskName(holder.realName),
    totalMinutes: cert.totalMinutes,
    stars: starsFor(cert.totalMinutes),
    issuedAt: cert.issuedAt,
  }
}
