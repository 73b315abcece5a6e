import http from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the benches share: one JSON POST over a keep-alive agent, percentiles, and the bare baseline. */

export function poster(agent: http.Agent) {
  return (port: number, path: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c) => chunks.push(c))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }))
        },
      )
      req.on('error', reject)
      req.end(body)
    })
}

export const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]

/** The ceiling of this machine: a bare node:http JSON handler, for a baseline measured in the same run. */
export async function bareServer(): Promise<{ port: number; close(): void }> {
  const bare = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"data":{}}'))
  })
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()))
  return { port: (bare.address() as AddressInfo).port, close: () => bare.close() }
}
