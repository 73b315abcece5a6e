import type { ActivityContract } from '../../../types/contract/activity'
import { approvedRecordsOf, findBySerial, maskName, reversalNotice, reversedSince, starsFor } from '../../_core/hours'
import { getProfile } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/**
 * Public: anyone holding a printed certificate may check it. They learn what was printed — the name
 * (masked) and the total — and, in plain words, whether hours on it were reversed since; nothing else.
 */
export const verifyCertificate: Action<ActivityContract, 'verifyCertificate'> = async (input, ctx) => {
  const cert = await findBySerial(ctx.db, input.serial)
  if (!cert) throw new AppError('CERT.NOT_FOUND')
  const holder = await getProfile(ctx.db, cert.userId)
  if (!holder) throw new AppError('CERT.NOT_FOUND')
  const reversedMinutes = reversedSince(cert.totalMinutes, cert.issuedAt, await approvedRecordsOf(ctx.db, holder.openid))
  return {
    valid: true as const,
    // Certificates issued before the printed name was kept show the holder's name on file.
    holderName: maskName(cert.holderName ?? holder.realName),
    totalMinutes: cert.totalMinutes,
    stars: starsFor(cert.totalMinutes),
    issuedAt: cert.issuedAt,
    reversedMinutes,
    notice: reversalNotice(reversedMinutes),
  }
}
