/**
 * Who is calling, decided by the platform and never by the payload. Read once at the edge
 * (`cloud.getWXContext()` in production, the dev session in the local gateway) and passed down.
 */
export interface Caller {
  openid: string | null
  appid: string | null
  /** wx: a mini-program user; timer: a scheduled trigger; push: a message WeChat pushes (a check's verdict); local: the local gateway's dev session. */
  source: 'wx' | 'timer' | 'push' | 'local'
}

export function callerFromWXContext(ctx: Record<string, unknown>): Caller {
  const openid = typeof ctx.OPENID === 'string' && ctx.OPENID ? ctx.OPENID : null
  const appid = typeof ctx.APPID === 'string' && ctx.APPID ? ctx.APPID : null
  // No openid: not a mini-program user. Only wxMain decides, from the event, that it is a timer.
  return { openid, appid, source: 'wx' }
}

/** What a timer trigger calls as: no user. */
export const TIMER_CALLER: Caller = { openid: null, appid: null, source: 'timer' }

export function localCaller(openid: string | null): Caller {
  return { openid, appid: null, source: 'local' }
}
