import type { PointsContract } from '../../../../types/contract/points'
import { getDonorCertificate } from '../../../_core/mall/recognition.repo'
import { checkedCertificate } from '../../../_core/mall/recognition.rules'
import { AppError } from '../../../_core/runtime/app-error'
import type { Action } from '../../../_core/runtime/serve'

/** Public: anyone holding a 爱心证书 checks its serial and sees exactly what was printed on it. */
export const verifyDonorCertificate: Action<PointsContract, 'verifyDonorCertificate'> = async (input, ctx) => {
  const cert = await getDonorCertificate(ctx.db, input.serial)
  if (!cert) throw new AppError('CERT.NOT_FOUND')
  return checkedCertificate(cert)
}
