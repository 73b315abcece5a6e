import cloud from 'wx-server-sdk'
import { AppError } from '../runtime/app-error'

/**
 * Text a user publishes passes WeChat's content check first (docs/domain.md invariant 10).
 * Production calls `security.msgSecCheck` v2 and reads `result.suggest` — `errcode 0` alone only
 * means the call worked. Locally a stand-in flags text from a small word list so tests can exercise
 * the refusal path.
 */
export type Verdict = 'pass' | 'review' | 'risky'

/** An image's check: decided at once, or pending until WeChat pushes the verdict for this trace id. */
export type ImageCheck = { verdict: Verdict } | { pending: string }

export interface ContentCheck {
  text(input: { openid: string; content: string; scene: 1 | 2 | 3 | 4 }): Promise<Verdict>
  /**
   * A picture others will see. `url` must be downloadable from outside (a temporary URL). Production
   * checks asynchronously (`security.mediaCheckAsync`): the verdict arrives later as the
   * `wxa_media_check` message pushed to the function (see `mediaVerdict`).
   */
  image(input: { openid: string; url: string; fileId: string }): Promise<ImageCheck>
}

/** The verdict a `wxa_media_check` push carries (`result.suggest`); anything but `pass` is not shown. */
export function mediaVerdict(suggest: string | undefined): Verdict {
  return suggest === 'pass' ? 'pass' : suggest === 'review' ? 'review' : 'risky'
}

export function verdictFromMsgSecCheck(res: { errcode?: number; result?: { suggest?: string } }): Verdict {
  if (res.errcode !== undefined && res.errcode !== 0) return 'risky'
  const suggest = res.result?.suggest
  if (suggest === 'pass') return 'pass'
  if (suggest === 'review') return 'review'
  return 'risky'
}

export const wechatContentCheck: ContentCheck = {
  async text({ openid, content, scene }) {
    const res = await cloud.openapi.security.msgSecCheck({ openid, scene, version: 2, content })
    return verdictFromMsgSecCheck(res)
  },
  async image({ openid, url }) {
    const res = (await cloud.openapi.security.mediaCheckAsync({ openid, scene: 1, version: 2, mediaUrl: url, mediaType: 2 })) as { errCode?: number; traceId?: string }
    if ((res.errCode !== undefined && res.errCode !== 0) || !res.traceId) throw new Error(`mediaCheckAsync answered errCode ${res.errCode}`)
    return { pending: res.traceId }
  },
}

/** Words the local stand-in treats as risky; tests use them to prove nothing risky is published. */
export const LOCAL_RISKY_WORDS = ['违禁词', '赌博', '诈骗']

/** Locally a picture is decided at once: one whose file name says `risky` is, for tests of the refusal. */
export const LOCAL_RISKY_IMAGE = /risky/i

export const localContentCheck: ContentCheck = {
  async text({ content }) {
    const hit = LOCAL_RISKY_WORDS.some((w) => content.includes(w))
    return verdictFromMsgSecCheck({ errcode: 0, result: { suggest: hit ? 'risky' : 'pass' } })
  },
  async image({ fileId }) {
    return { verdict: mediaVerdict(LOCAL_RISKY_IMAGE.test(fileId.slice(fileId.lastIndexOf('/') + 1)) ? 'risky' : 'pass') }
  },
}

/** Refuses unless every text passes; `review` is not published either (docs/domain.md invariant 10). */
export async function assertPublishable(check: ContentCheck, openid: string, texts: string[]): Promise<void> {
  const content = texts.filter((t) => t.trim()).join('\n')
  if (!content) return
  const verdict = await check.text({ openid, content, scene: 1 })
  if (verdict !== 'pass') throw new AppError('GENERIC.CONTENT_RISKY')
}
