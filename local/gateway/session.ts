import type { IncomingMessage } from 'node:http'
import { ID_PATTERN } from '../../types/contract/common'

/**
 * The local stand-in for WeChat's login: a dev session names an openid (cookie `tq_dev`, or the
 * `x-dev-openid` header for scripts). Exists only in local mode; production identity comes from
 * `cloud.getWXContext()`.
 */
export const SESSION_COOKIE = 'tq_dev'

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=')
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim())
  }
  return out
}

export function sessionOpenid(req: IncomingMessage): string | null {
  const header = req.headers['x-dev-openid']
  const fromHeader = Array.isArray(header) ? header[0] : header
  const candidate = fromHeader ?? parseCookies(req.headers.cookie)[SESSION_COOKIE]
  return candidate && ID_PATTERN.test(candidate) ? candidate : null
}

export function sessionCookie(openid: string | null): string {
  return openid
    ? `${SESSION_COOKIE}=${encodeURIComponent(openid)}; Path=/; HttpOnly; SameSite=Lax`
    : `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`
}
