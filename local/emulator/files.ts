// CloudBase storage, the part this project uses: a client uploads a file to a cloud path (its
// openid recorded as the file's owner, like `resource.openid`), a function asks for temporary
// download URLs (`storage.batchGetDownloadUrl`, what `cloud.getTempFileURL` sends), and a browser
// fetches a file with such a URL until it expires. Files live in a folder, one per cloud path,
// with a small JSON sidecar for the owner and type.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { UPLOAD_PATH } from '../../types/contract/common'
import { invalidParam } from './errors'

/** Where a temporary URL points: the local gateway serves `/files/<cloudPath>?expires=&sign=`. */
export const FILES_ROUTE = '/files/'


const TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' }

/** The first bytes of each accepted image type: a file is what its name says or it is refused. */
function looksLike(ext: string, bytes: Buffer): boolean {
  if (ext === 'jpg' || ext === 'jpeg') return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
  if (ext === 'png') return bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  if (ext === 'webp') return bytes.length > 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP'
  return false
}

/** CloudBase refuses uploads above its limit; 5 MB is plenty for a compressed phone photo. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024

export type PutResult = { ok: true; fileID: string } | { ok: false; status: number; reason: string }

export interface FileStore {
  /** `cloud://<env>.<bucket>/<cloudPath>` — the same shape as production file ids. */
  fileId(cloudPath: string): string
  /** A client upload under the storage rules: a listed path, an image, never overwriting. */
  put(cloudPath: string, bytes: Buffer, openid: string): PutResult
  /** Whether a file exists at this cloud path. */
  exists(cloudPath: string): boolean
  /** The file behind a temporary URL, while the URL is valid. */
  read(cloudPath: string, expires: string | null, sign: string | null, now: number): { bytes: Buffer; type: string } | null
  /** One entry of `storage.batchGetDownloadUrl`'s answer. */
  downloadEntry(fileID: unknown, maxAge: unknown, now: number): Record<string, unknown>
  close(): void
}

interface Meta {
  openid: string
  type: string
  size: number
}

export function createFileStore(env: string, dir: string | null): FileStore {
  // ':memory:' databases get throwaway files too.
  const root = dir ?? mkdtempSync(join(tmpdir(), 'tq-files-'))
  mkdirSync(root, { recursive: true })
  const prefix = `cloud://${env}.${env}-files/`
  // Temporary URLs are signed with a key that lives as long as this emulator, like CloudBase's.
  const key = randomBytes(32)
  const sign = (path: string, expires: number) => createHmac('sha256', key).update(`${path}|${expires}`).digest('base64url').slice(0, 32)
  const metaOf = (path: string): Meta | null => {
    try {
      return JSON.parse(readFileSync(join(root, `${path}.meta.json`), 'utf8')) as Meta
    } catch {
      return null
    }
  }

  return {
    fileId: (cloudPath) => prefix + cloudPath,

    put(cloudPath, bytes, openid) {
      if (!UPLOAD_PATH.test(cloudPath)) return { ok: false, status: 403, reason: 'this path may not be written by a client' }
      const ext = cloudPath.slice(cloudPath.lastIndexOf('.') + 1)
      if (bytes.length === 0 || bytes.length > MAX_UPLOAD_BYTES) return { ok: false, status: 413, reason: 'the file is empty or too large' }
      if (!looksLike(ext, bytes)) return { ok: false, status: 415, reason: `the file is not a ${ext} image` }
      const file = join(root, cloudPath)
      // Only the creator may write a file (rules: resource.openid == auth.openid); names are random, so never overwrite.
      if (existsSync(file)) return { ok: false, status: 409, reason: 'a file already exists at this path' }
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, bytes, { flag: 'wx' })
      const meta: Meta = { openid, type: TYPES[ext], size: bytes.length }
      writeFileSync(`${file}.meta.json`, JSON.stringify(meta))
      return { ok: true, fileID: prefix + cloudPath }
    },

    exists: (cloudPath) => UPLOAD_PATH.test(cloudPath) && metaOf(cloudPath) !== null,

    read(cloudPath, expires, signature, now) {
      if (!UPLOAD_PATH.test(cloudPath) || !expires || !signature || !/^\d{1,15}$/.test(expires)) return null
      const exp = Number(expires)
      if (exp * 1000 < now) return null
      const want = Buffer.from(sign(cloudPath, exp))
      const got = Buffer.from(signature)
      if (want.length !== got.length || !timingSafeEqual(want, got)) return null
      const meta = metaOf(cloudPath)
      if (!meta) return null
      return { bytes: readFileSync(join(root, cloudPath)), type: meta.type }
    },

    downloadEntry(fileID, maxAge, now) {
      if (typeof fileID !== 'string') throw invalidParam('file_list[].fileid must be a string')
      const age = typeof maxAge === 'number' && Number.isInteger(maxAge) && maxAge > 0 ? Math.min(maxAge, 86400) : 86400
      const path = fileID.startsWith(prefix) ? fileID.slice(prefix.length) : null
      // Another env's or bucket's file is not this env's to hand out.
      if (path === null) return { fileID, tempFileURL: '', code: 'STORAGE_EXCEED_AUTHORITY', maxAge: age }
      if (!UPLOAD_PATH.test(path) || !metaOf(path)) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', maxAge: age }
      const expires = Math.floor(now / 1000) + age
      return { fileID, tempFileURL: `${FILES_ROUTE}${path}?expires=${expires}&sign=${sign(path, expires)}`, code: 'SUCCESS', maxAge: age }
    },

    close() {
      if (!dir) rmSync(root, { recursive: true, force: true })
    },
  }
}
