import { createReadStream, existsSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
}

/** The app shell for public pages (certificate verification): served to anyone, session or not; the hash names the page. */
export const PUBLIC_APP_PATH = '/v/'

/** Serves the H5 build; unknown paths fall back to index.html (the app routes by hash). */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  const rel = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '')
  let file = join(root, rel)
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(403).end()
    return
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html')
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('H5 应用尚未构建：请运行 npm run build:h5')
    return
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream'
  const cache = file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600'
  res.writeHead(200, { 'content-type': type, 'cache-control': cache })
  createReadStream(file).pipe(res)
}
