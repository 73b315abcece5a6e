import { localContentCheck, wechatContentCheck, type ContentCheck } from './content-check'

/**
 * What exists only inside WeChat's cloud, behind small interfaces. `TQ_PLATFORM=local` (set by the
 * local gateway and the tests) picks the stand-ins; anything else is production.
 */
export interface Platform {
  contentCheck: ContentCheck
}

export const wechatPlatform: Platform = { contentCheck: wechatContentCheck }
export const localPlatform: Platform = { contentCheck: localContentCheck }

export function platformFromEnv(): Platform {
  return process.env.TQ_PLATFORM === 'local' ? localPlatform : wechatPlatform
}

export { assertPublishable, type ContentCheck, type Verdict } from './content-check'
