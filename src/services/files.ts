import Taro from '@tarojs/taro'
import { uploadPath } from '../../types/contract/common'
import { ApiError, ensureCloud } from './api'

/**
 * Photos go straight from the phone to cloud storage, into the user's own folder
 * (`uploads/<userId>/<random>.<ext>`); the functions then accept only file ids of that folder that
 * really exist. weapp: `Taro.cloud.uploadFile`; h5: `PUT /files/<cloudPath>` on the local gateway,
 * which keeps CloudBase's storage rules.
 */

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }

/** 20 random letters: enough that two uploads never meet (the storage also refuses to overwrite). */
export function randomName(random: () => number = Math.random): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  let out = ''
  for (let i = 0; i < 20; i++) out += abc[Math.floor(random() * abc.length)]
  return out
}

/** The extension a local path or type names; phones' temporary files are JPEG unless they say otherwise. */
export function extensionOf(pathOrType: string): string {
  const type = EXTENSIONS[pathOrType]
  if (type) return type
  const m = /\.(jpe?g|png|webp)(?:$|\?)/i.exec(pathOrType)
  return m ? m[1].toLowerCase().replace('jpeg', 'jpg') : 'jpg'
}

async function uploadWeapp(cloudPath: string, filePath: string): Promise<string> {
  ensureCloud()
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath })
    if (!res.fileID) throw new Error('no fileID')
    return res.fileID
  } catch (e) {
    console.error('[files] upload failed', e)
    throw new ApiError('FILE.UPLOAD_FAILED')
  }
}

async function uploadH5(userId: string, localUrl: string): Promise<string> {
  let blob: Blob
  try {
    blob = await (await fetch(localUrl)).blob()
  } catch {
    throw new ApiError('FILE.UPLOAD_FAILED')
  }
  if (!EXTENSIONS[blob.type]) throw new ApiError('FILE.BAD_TYPE')
  if (blob.size > 5 * 1024 * 1024) throw new ApiError('FILE.TOO_LARGE')
  const cloudPath = uploadPath(userId, `${randomName()}.${extensionOf(blob.type)}`)
  let res: Response
  try {
    res = await fetch(`/files/${cloudPath}`, { method: 'PUT', credentials: 'same-origin', headers: { 'content-type': blob.type }, body: blob })
  } catch {
    throw new ApiError('GENERIC.NETWORK')
  }
  if (res.status === 413) throw new ApiError('FILE.TOO_LARGE')
  if (res.status === 415) throw new ApiError('FILE.BAD_TYPE')
  if (!res.ok) throw new ApiError('FILE.UPLOAD_FAILED')
  const fileID = await res.json().then(
    (body: { fileID?: unknown } | null) => body?.fileID,
    () => undefined,
  )
  if (typeof fileID !== 'string' || !fileID) throw new ApiError('FILE.UPLOAD_FAILED')
  return fileID
}

/**
 * Uploads photos chosen on this phone (local paths from `choosePhotos`) one after another; resolves
 * to their file ids in the same order. `onProgress(done, total, fileId)` after each, so a caller can
 * keep what went up before a failure. Any failure rejects with an ApiError.
 */
export async function uploadPhotos(userId: string, localPaths: string[], onProgress?: (done: number, total: number, fileId: string) => void): Promise<string[]> {
  const ids: string[] = []
  for (const path of localPaths) {
    ids.push(process.env.TARO_ENV === 'h5' ? await uploadH5(userId, path) : await uploadWeapp(uploadPath(userId, `${randomName()}.${extensionOf(path)}`), path))
    onProgress?.(ids.length, localPaths.length, ids[ids.length - 1])
  }
  return ids
}
