import { assertOwnUploads, mediaVerdict, type Platform, type Verdict } from '../platform'
import { userIdFor } from '../profile/profile.repo'
import { AppError } from '../runtime/app-error'
import type { Secrets } from '../runtime/secrets'
import type { ActivityDoc } from './activity.rules'

export type CoverFields = Pick<ActivityDoc, 'cover' | 'coverCheck' | 'coverTrace'>

/**
 * A new cover: the cadre's own upload, then WeChat's image check. A verdict given at once is kept
 * (anything but `pass` is refused); a pending check keeps its trace id until the verdict is pushed
 * (`coverChecked`), and until then only the organizers see the picture.
 */
export async function checkCover(deps: { platform: Platform; secrets: () => Secrets }, openid: string, cover: string | null): Promise<CoverFields> {
  if (!cover) return { cover: null, coverCheck: null, coverTrace: null }
  const urls = await assertOwnUploads(deps.platform.storage, userIdFor(deps.secrets(), openid), [cover])
  const check = await deps.platform.contentCheck.image({ openid, url: urls.get(cover)!, fileId: cover })
  if ('pending' in check) return { cover, coverCheck: 'pending', coverTrace: check.pending }
  if (check.verdict !== 'pass') throw new AppError('GENERIC.CONTENT_RISKY', '这张封面图片未通过内容安全检查，请换一张。')
  return { cover, coverCheck: 'pass', coverTrace: null }
}

/**
 * A cover's fields once WeChat's verdict for check `traceId` arrives (`wxa_media_check`), and the
 * verdict; null when the record no longer waits for that very check (a cover replaced meanwhile has
 * a check of its own).
 */
export function coverVerdict(current: CoverFields, traceId: string, suggest: string | undefined): { fields: CoverFields; verdict: Verdict } | null {
  if (current.coverTrace !== traceId) return null
  const verdict = mediaVerdict(suggest)
  return { fields: { cover: current.cover, coverCheck: verdict === 'pass' ? 'pass' : 'risky', coverTrace: null }, verdict }
}
