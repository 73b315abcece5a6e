import type { Clock } from '../runtime/clock'
import type { Log } from '../runtime/log'
import { localContentCheck, wechatContentCheck, type ContentCheck } from './content-check'
import { localMiniCode, wechatMiniCode, type MiniCode } from './mini-code'
import { localNotifier, wechatNotifier, type Notifier } from './notify'
import { cloudStorage, type Storage } from './storage'

/**
 * What exists only inside WeChat's cloud, behind small interfaces. `TQ_PLATFORM=local` (set by the
 * local gateway and the tests) picks the stand-ins; anything else is production.
 */
export interface Platform {
  contentCheck: ContentCheck
  /** Subscription messages; locally they land in `localOutbox` (GET /dev/outbox). */
  notifier: Notifier
  /** Cloud storage through the real SDK in both places (locally the emulator answers it). */
  storage: Storage
  /** Mini-program codes (小程序码); locally a QR of the same scene. */
  miniCode: MiniCode
}

export function wechatPlatform(log: Log): Platform {
  return { contentCheck: wechatContentCheck, notifier: wechatNotifier(log), storage: cloudStorage, miniCode: wechatMiniCode(cloudStorage) }
}

export function localPlatform(clock: Clock): Platform {
  return { contentCheck: localContentCheck, notifier: localNotifier(clock), storage: cloudStorage, miniCode: localMiniCode }
}

export function platformFromEnv(deps: { log: Log; clock: Clock }): Platform {
  return process.env.TQ_PLATFORM === 'local' ? localPlatform(deps.clock) : wechatPlatform(deps.log)
}

export { assertPublishable, mediaVerdict, type ContentCheck, type ImageCheck, type Verdict } from './content-check'
export { localOutbox, clearLocalOutbox, type Notifier, type NotifyMessage, type NotifyTemplate } from './notify'
export { SCENE_MAX, type MiniCode } from './mini-code'
export { assertOwnUploads, cloudStorage, urlsFor, TEMP_URL_SECONDS, type Storage } from './storage'
