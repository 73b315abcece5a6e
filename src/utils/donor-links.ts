import { publicBaseUrl } from './certificate-link'
import { ROUTES } from './routes'

/**
 * Links of the donor board. The board is a public page of the app shell that the gateway serves to
 * anyone at `/v/` (local/gateway/static.ts PUBLIC_APP_PATH), so its link needs no route of its own:
 * `<base>/v/#/pages/donors/index?orgId=<county>`. Scanned in WeChat, a link under `<base>/v/` opens the
 * verification page (docs/deploy.md), which sends a board link on to the board (boardOrgFromLink).
 */

/** The board's link for a QR code or a copied link; '' when the build knows no public address. */
export function donorBoardLink(orgId: string, base: string = publicBaseUrl()): string {
  return base ? `${base}/v/#${ROUTES.donors}?orgId=${encodeURIComponent(orgId)}` : ''
}

/** The county a scanned board link names (possibly still URL-encoded), or '' when it is no board link. */
export function boardOrgFromLink(link: string): string {
  let text = link
  for (let i = 0; i < 2 && /%[0-9A-Fa-f]{2}/.test(text); i += 1) {
    try {
      text = decodeURIComponent(text)
    } catch {
      break
    }
  }
  const m = /\/pages\/donors\/index\?(?:[^#\s]*&)?orgId=([A-Za-z0-9_-]{1,64})(?=$|[&#\s])/.exec(text)
  return m ? m[1] : ''
}
