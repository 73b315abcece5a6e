import { assertOwnUploads, type Platform } from '../platform'
import { userIdFor } from '../profile/profile.repo'
import { AppError } from '../runtime/app-error'
import type { Secrets } from '../runtime/secrets'
import type { ImageCheckState } from './mall.rules'

export interface PictureCheck {
  check: ImageCheckState
  trace: string | null
}

/**
 * Pictures a cadre adds to a goods item or a donor (as activity covers are treated,
 * `activity/activity.cover.ts`): each must be the caller's own upload in this environment, then goes
 * to WeChat's image check. A verdict given at once is kept and anything but `pass` is refused; a
 * pending check keeps its trace id until the verdict is pushed (`goodsImagesChecked`), and until then
 * only the managers see the picture.
 */
export async function checkPictures(deps: { platform: Platform; secrets: () => Secrets }, openid: string, fileIds: string[]): Promise<Map<string, PictureCheck>> {
  const out = new Map<string, PictureCheck>()
  if (!fileIds.length) return out
  const urls = await assertOwnUploads(deps.platform.storage, userIdFor(deps.secrets(), openid), fileIds)
  for (const fileId of fileIds) {
    const res = await deps.platform.contentCheck.image({ openid, url: urls.get(fileId)!, fileId })
    if ('pending' in res) out.set(fileId, { check: 'pending', trace: res.pending })
    else if (res.verdict === 'pass') out.set(fileId, { check: 'pass', trace: null })
    else throw new AppError('GENERIC.CONTENT_RISKY', '有图片未通过内容安全检查，请换一张。')
  }
  return out
}
