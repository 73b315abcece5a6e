import type { Me } from '../hooks/use-session'
import { ROUTES, type Route } from './routes'

/**
 * Where a person starts: the privacy guide (unless this version was accepted here or on the server),
 * the profile form, or the 活动 tab (a tab page: `replace` reaches it with switchTab).
 */
export function entryRoute(me: Me, locallyAccepted: string | null): Route {
  const { current, accepted } = me.privacy
  if (accepted !== current && locallyAccepted !== current) return ROUTES.privacy
  if (!me.profile) return ROUTES.profile
  return ROUTES.activities
}
