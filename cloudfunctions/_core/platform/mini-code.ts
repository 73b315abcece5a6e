import { createHash } from 'node:crypto'
import { deflateSync } from 'node:zlib'
import qrcode from 'qrcode-generator'
import { cloudSdk } from '../runtime/db'
import type { Storage } from './storage'

/**
 * A mini-program code (小程序码) that opens a page of this mini program with a scene value — what a
 * group's admins print and share. Production asks WeChat (`wxacode.getUnlimited`: unlimited codes,
 * the page given apart from its parameters, which ride in the scene), keeps the picture in cloud
 * storage and hands out a temporary URL. Locally a plain QR of the same scene stands in, so the
 * scan-and-open flow can be walked without WeChat.
 */
export interface MiniCode {
  /**
   * A picture of the code as a URL the phone can show. `scene`: at most 32 visible characters of
   * [0-9A-Za-z!#$&'()*+,/:;=?@-._~] (WeChat's limit); `page` without a leading slash or parameters.
   */
  image(input: { scene: string; page: string }): Promise<string>
}

/** WeChat's limits on a scene value (wxacode.getUnlimited). */
export const SCENE_MAX = 32
export const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/

function assertScene(scene: string): void {
  if (scene.length > SCENE_MAX || !SCENE_CHARS.test(scene)) throw new Error(`scene "${scene}" is not a valid mini-program code scene`)
}

/** Where a code's picture is kept: one file per (page, scene), so asking again replaces it in place. */
export function miniCodePath(page: string, scene: string): string {
  return `mini-codes/${createHash('sha256').update(`${page}|${scene}`).digest('hex').slice(0, 32)}.png`
}

/**
 * Production: needs `wxacode.getUnlimited` in the function's `permissions.openapi` (config.json).
 * `checkPath: false` so a code can be made before the page's version is published; `envVersion`
 * release, the version youth have. Each call asks WeChat anew: codes are made by a group's admins
 * now and then, far below the API's per-minute limit.
 */
export function wechatMiniCode(storage: Storage): MiniCode {
  return {
    async image({ scene, page }) {
      assertScene(scene)
      const sdk = cloudSdk()
      const res = (await sdk.openapi.wxacode.getUnlimited({ scene, page, checkPath: false, envVersion: 'release' })) as { buffer?: Buffer; errCode?: number; errMsg?: string }
      if ((res.errCode !== undefined && res.errCode !== 0) || !res.buffer) throw new Error(`wxacode.getUnlimited answered ${res.errCode}: ${res.errMsg ?? 'no picture'}`)
      const { fileID } = await sdk.uploadFile({ cloudPath: miniCodePath(page, scene), fileContent: Buffer.from(res.buffer) })
      const url = (await storage.urls([fileID])).get(fileID)
      if (!url) throw new Error(`no temporary URL for the uploaded mini-program code ${fileID}`)
      return url
    },
  }
}

/** Light modules around the symbol (ISO/IEC 18004 asks for 4) and device pixels per module. */
const QUIET_ZONE = 4
const CELL = 8

/** The QR symbol of `value` (byte mode, level M, the smallest version that holds it): modules[row][col] dark. */
export function qrModules(value: string): boolean[][] {
  const qr = qrcode(0, 'M')
  qr.addData(value, 'Byte')
  qr.make()
  const n = qr.getModuleCount()
  return Array.from({ length: n }, (_r, row) => Array.from({ length: n }, (_c, col) => qr.isDark(row, col)))
}

const CRC_TABLE = Array.from({ length: 256 }, (_v, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** A QR of `value` as an 8-bit greyscale PNG, black on white with its quiet zone. */
export function qrPng(value: string): Buffer {
  const modules = qrModules(value)
  const side = (modules.length + 2 * QUIET_ZONE) * CELL
  const rows: Buffer[] = []
  for (let y = 0; y < side; y++) {
    const row = Buffer.alloc(side + 1, 0xff)
    row[0] = 0 // filter: none
    const my = Math.floor(y / CELL) - QUIET_ZONE
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / CELL) - QUIET_ZONE
      if (modules[my]?.[mx]) row[x + 1] = 0
    }
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(side, 0)
  header.writeUInt32BE(side, 4)
  header[8] = 8 // bit depth
  header[9] = 0 // greyscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))])
}

/** The stand-in: a QR of the scene as a PNG data URL (the local gateway's pages show it as they would WeChat's). */
export const localMiniCode: MiniCode = {
  async image({ scene }) {
    assertScene(scene)
    return `data:image/png;base64,${qrPng(scene).toString('base64')}`
  },
}
