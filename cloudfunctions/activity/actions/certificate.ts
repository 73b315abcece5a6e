import type { ActivityContract } from '../../../types/contract/activity'
import { issueCertificate, recordsOf, serialFromHash, serialInput, starsFor } from '../../_core/hours'
import { getProfile, userIdFor } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/**
 * 志愿服务证明 of everything approved so far. The serial follows from the holder, the total and the
 * name printed, so asking again before anything changes gives the same certificate with the same
 * issue date, and the public check can show exactly what was printed.
 */
export const certificate: Action<ActivityContract, 'certificate'> = async (_input, ctx) => {
  const openid = ctx.openid()
  const secrets = ctx.secrets()
  const profile = await getProfile(ctx.db, userIdFor(secrets, openid))
  if (!profile) throw new AppError('USER.NOT_REGISTERED')
  const records = (await recordsOf(ctx.db, openid, { approvedOnly: true, points: false })).sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
  const totalMinutes = records.reduce((sum, r) => sum + r.minutes, 0)
  const holderName = profile.realName
  const serial = serialFromHash(secrets.hash(serialInput(profile._id, totalMinutes, holderName)))
  const { issuedAt } = await issueCertificate(ctx.db, { _id: serial, userId: profile._id, holderName, totalMinutes }, ctx.clock.now())
  return {
    serial,
    holderName,
    records: records.map((r) => ({ title: r.title, at: r.at, minutes: r.minutes, source: r.source })),
    totalMinutes,
    stars: starsFor(totalMinutes),
    issuedAt,
  }
}
