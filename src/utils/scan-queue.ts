/**
 * The organizer's offline scan queue (docs/domain.md "Check-in and check-out": scans queue on the organizer's phone and
 * sync later with their scan times). Pure: no Taro, no clock, no storage — the scan page keeps the
 * queue in device storage and passes times and random bytes in.
 *
 * A scan stays queued until the server answers it: `ok` removes it; a refusal keeps it, marked
 * `failed` with the server's Chinese message, until the organizer removes it or retries; a network
 * failure changes nothing. The server answers a re-sent scanId without applying it twice.
 */

import type { ItemResultT } from '../../types/contract/common'
import { uuidV4 } from './uuid'

export type ScanKind = 'in' | 'out'

export interface QueuedScan {
  scanId: string
  personCode: string
  kind: ScanKind
  scannedAt: number
  /** Set when the server refused this scan. */
  failed?: { code: string | null; message: string }
}

/** What the server answers for one scan. */
export type ScanResult = ItemResultT

/** One line of the page's result list: what happened to a scan. */
export interface ScanOutcome {
  scanId: string
  personCode: string
  kind: ScanKind
  scannedAt: number
  ok: boolean
  message: string
}

/** The most the contract takes in one syncScans call. */
export const SYNC_BATCH = 200

export function makeScan(personCode: string, kind: ScanKind, scannedAt: number, scanId: string = uuidV4()): QueuedScan {
  return { scanId, personCode: personCode.trim(), kind, scannedAt }
}

/** Adds a scan; the same scanId twice is kept once (the first). */
export function enqueue(queue: readonly QueuedScan[], scan: QueuedScan): QueuedScan[] {
  if (queue.some((q) => q.scanId === scan.scanId)) return [...queue]
  return [...queue, scan]
}

/** True when the same person was scanned for the same kind moments ago (a double tap of the scanner). */
export function isRepeat(queue: readonly QueuedScan[], personCode: string, kind: ScanKind, at: number, withinMs = 5000): boolean {
  return queue.some((q) => q.personCode === personCode.trim() && q.kind === kind && !q.failed && Math.abs(at - q.scannedAt) < withinMs)
}

/** What to send: the waiting scans, and the refused ones too when the organizer asked to retry them. */
export function toSend(queue: readonly QueuedScan[], includeFailed = false): QueuedScan[] {
  return queue.filter((q) => includeFailed || !q.failed).slice(0, SYNC_BATCH)
}

/** The payload's scans (the server takes exactly these fields). */
export function payloadOf(scans: readonly QueuedScan[]): { scanId: string; personCode: string; kind: ScanKind; scannedAt: number }[] {
  return scans.map(({ scanId, personCode, kind, scannedAt }) => ({ scanId, personCode, kind, scannedAt }))
}

/**
 * The server's answers applied: accepted scans leave the queue, refused ones stay with the message.
 * Scans the server did not mention are left as they were.
 */
export function applyResults(
  queue: readonly QueuedScan[],
  results: readonly ScanResult[],
  fallbackMessage = '未能签到',
): { queue: QueuedScan[]; outcomes: ScanOutcome[] } {
  const byId = new Map(results.map((r) => [r.id, r]))
  const next: QueuedScan[] = []
  const outcomes: ScanOutcome[] = []
  for (const q of queue) {
    const r = byId.get(q.scanId)
    if (!r) {
      next.push(q)
      continue
    }
    const message = r.ok ? (q.kind === 'in' ? '签到成功' : '签退成功') : r.message || fallbackMessage
    outcomes.push({ scanId: q.scanId, personCode: q.personCode, kind: q.kind, scannedAt: q.scannedAt, ok: r.ok, message })
    if (!r.ok) next.push({ ...q, failed: { code: r.code, message } })
  }
  return { queue: next, outcomes }
}

export function removeScan(queue: readonly QueuedScan[], scanId: string): QueuedScan[] {
  return queue.filter((q) => q.scanId !== scanId)
}

/** Whatever storage held, as a queue (a corrupted entry is dropped rather than sent). */
export function parseQueue(stored: unknown): QueuedScan[] {
  if (!Array.isArray(stored)) return []
  const out: QueuedScan[] = []
  for (const x of stored as Partial<QueuedScan>[]) {
    if (!x || typeof x.scanId !== 'string' || typeof x.personCode !== 'string' || typeof x.scannedAt !== 'number') continue
    if (x.kind !== 'in' && x.kind !== 'out') continue
    const item: QueuedScan = { scanId: x.scanId, personCode: x.personCode, kind: x.kind, scannedAt: x.scannedAt }
    if (x.failed && typeof x.failed.message === 'string') item.failed = { code: x.failed.code ?? null, message: x.failed.message }
    out.push(item)
  }
  return out
}
