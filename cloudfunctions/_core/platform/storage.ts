import { cloudSdk } from '../runtime/db'
import { AppError } from '../runtime/app-error'
import { fileOwner } from '../../../types/contract/common'

/**
 * Cloud storage as the functions use it: photos are uploaded by the phone itself
 * (`Taro.cloud.uploadFile` to `uploads/<userId>/<random>.<ext>`); a function only checks that a
 * file exists and hands out temporary URLs to those allowed to see it. Storage rules let clients
 * write their own new files and read nothing (`database/storage-rules.json`), so every view goes
 * through a function that checked scope first.
 *
 * One implementation: `cloud.getTempFileURL` through wx-server-sdk. Locally the CloudBase emulator
 * answers the same call from its files folder, so there is no stand-in here.
 */
export interface Storage {
  /** A temporary URL per file id; null where the file does not exist or is not this env's. */
  urls(fileIds: string[]): Promise<Map<string, string | null>>
}

/** How long a handed-out URL works: long enough to look through a review queue. */
export const TEMP_URL_SECONDS = 2 * 60 * 60

/** getTempFileURL takes at most 50 files a call. */
const BATCH = 50

export const cloudStorage: Storage = {
  async urls(fileIds) {
    const out = new Map<string, string | null>()
    const unique = [...new Set(fileIds)]
    for (let i = 0; i < unique.length; i += BATCH) {
      const fileList = unique.slice(i, i + BATCH).map((fileID) => ({ fileID, maxAge: TEMP_URL_SECONDS }))
      const res = await cloudSdk().getTempFileURL({ fileList })
      for (const f of res ? res.fileList : []) out.set(f.fileID, f.status === 0 && f.tempFileURL ? f.tempFileURL : null)
    }
    for (const id of unique) if (!out.has(id)) out.set(id, null)
    return out
  },
}

/**
 * The files a user attaches must be their own uploads (docs/bad-inputs.md §24): in their own folder, and
 * really uploaded. A foreign URL never gets here (the contract's FileId refuses it).
 */
export async function assertOwnUploads(storage: Storage, userId: string, fileIds: string[]): Promise<Map<string, string | null>> {
  if (fileIds.length === 0) return new Map()
  if (fileIds.some((f) => fileOwner(f) !== userId)) throw new AppError('FILE.NOT_OWN')
  const urls = await storage.urls(fileIds)
  if (fileIds.some((f) => !urls.get(f))) throw new AppError('FILE.NOT_FOUND')
  return urls
}

/** Temporary URLs for display; a file that has gone is shown as missing, not as an error. */
export async function urlsFor(storage: Storage, fileIds: (string | null | undefined)[]): Promise<Map<string, string | null>> {
  const ids = fileIds.filter((f): f is string => typeof f === 'string' && f !== '')
  return ids.length ? storage.urls(ids) : new Map()
}
