import Taro from '@tarojs/taro'

/** The few preferences kept on the device (before registration the server knows nothing of us). */
const KEYS = {
  privacyAccepted: 'tq.privacyAccepted',
  elderMode: 'tq.elderMode',
  scanQueue: 'tq.scanQueue.',
} as const

function read(key: string): unknown {
  try {
    return Taro.getStorageSync(key)
  } catch {
    return undefined
  }
}

function write(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, value)
  } catch (e) {
    // Storage full or unavailable: the preference simply does not survive a restart.
    console.warn('[storage] write failed', key, e)
  }
}

/** The privacy-guide version this device agreed to, or null. */
export function acceptedPrivacyVersion(): string | null {
  const v = read(KEYS.privacyAccepted)
  return typeof v === 'string' && v ? v : null
}

export function rememberPrivacyAccepted(version: string): void {
  write(KEYS.privacyAccepted, version)
}

export function storedElderMode(): boolean {
  return read(KEYS.elderMode) === true
}

export function rememberElderMode(on: boolean): void {
  write(KEYS.elderMode, on)
}

/** The organizer's unsent scans for one activity (src/utils/scan-queue.ts), as stored. */
export function storedScanQueue(activityId: string): unknown {
  return read(KEYS.scanQueue + activityId)
}

export function rememberScanQueue(activityId: string, queue: unknown[]): void {
  if (queue.length) write(KEYS.scanQueue + activityId, queue)
  else {
    try {
      Taro.removeStorageSync(KEYS.scanQueue + activityId)
    } catch {
      write(KEYS.scanQueue + activityId, [])
    }
  }
}
