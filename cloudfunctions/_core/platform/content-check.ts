import cloud from 'wx-server-sdk'
import { AppError } from '../runtime/app-error'

/**
 * Text a user publishes passes WeChat's content check first (DOMAIN.md invariant 10).
 * Production calls `security.msgSecCheck` v2 and reads `result.suggest` — `errcode 0` alone only
 * means the call worked. Locally a stand-in flags text from a small word list so tests can exercise
 * the refusal path.
 */
export type Verdict = 'pass' | 'review' | 'risky'

export interface ContentCheck {
  text(input: { openid: string; content: string; scene: 1 | 2 | 3 | 4 }): Promise<Verdict>
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
}

/** Words the local stand-in treats as risky; tests use them to prove nothing risky is published. */
export const LOCAL_RISKY_WORDS = ['违禁词', '赌博', '诈骗']

export const localContentCheck: ContentCheck = {
  async text({ content }) {
    const hit = LOCAL_RISKY_WORDS.some((w) => content.includes(w))
    return verdictFromMsgSecCheck({ errcode: 0, result: { suggest: hit ? 'risky' : 'pass' } })
  },
}

/** Refuses unless every text passes; `review` is not published either (DOMAIN.md invariant 10). */
export async function assertPublishable(check: ContentCheck, openid: string, texts: string[]): Promise<void> {
  const content = texts.filter((t) => t.trim()).join('\n')
  if (!content) return
  const verdict = await check.text({ openid, content, scene: 1 })
  if (verdict !== 'pass') throw new AppError('GENERIC.CONTENT_RISKY')
}
