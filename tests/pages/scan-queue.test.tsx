import { activityContract } from '../../types/contract/activity'
import {
  SYNC_BATCH,
  applyResults,
  enqueue,
  isRepeat,
  makeScan,
  parseQueue,
  payloadOf,
  removeScan,
  toSend,
  type QueuedScan,
} from '../../src/utils/scan-queue'
import { uuidV4 } from '../../src/utils/uuid'

const T = 1_790_000_000_000

const scan = (n: number, over: Partial<QueuedScan> = {}): QueuedScan => ({
  scanId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  personCode: `pc-${n}`,
  kind: 'in',
  scannedAt: T + n * 1000,
  ...over,
})

describe('scan queue', () => {
  it('makes RFC 4122 version 4 ids that the contract accepts', () => {
    const ids = new Set(Array.from({ length: 200 }, () => uuidV4()))
    expect(ids.size).toBe(200)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(uuidV4(new Array(16).fill(255))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff')
    const s = makeScan(' pc-1 ', 'out', T)
    expect(s).toEqual({ scanId: expect.any(String), personCode: 'pc-1', kind: 'out', scannedAt: T })
    const parsed = activityContract.actions.syncScans.input.safeParse({ activityId: 'a1', scans: payloadOf([s]) })
    expect(parsed.success).toBe(true)
  })

  it('enqueues in order and keeps one copy of a scanId', () => {
    let q: QueuedScan[] = []
    q = enqueue(q, scan(1))
    q = enqueue(q, scan(2))
    q = enqueue(q, scan(1, { personCode: 'changed' }))
    expect(q.map((s) => s.scanId)).toEqual([scan(1).scanId, scan(2).scanId])
    expect(q[0].personCode).toBe('pc-1')
  })

  it('does not change the queue it was given', () => {
    const q = [scan(1)]
    const next = enqueue(q, scan(2))
    expect(q).toHaveLength(1)
    expect(next).toHaveLength(2)
  })

  it('notices a double scan of the same person and kind within a few seconds', () => {
    const q = [scan(1)]
    expect(isRepeat(q, 'pc-1', 'in', scan(1).scannedAt + 2000)).toBe(true)
    expect(isRepeat(q, 'pc-1', 'out', scan(1).scannedAt + 2000)).toBe(false)
    expect(isRepeat(q, 'pc-1', 'in', scan(1).scannedAt + 60_000)).toBe(false)
    expect(isRepeat(q, 'pc-2', 'in', scan(1).scannedAt)).toBe(false)
  })

  it('removes the scans the server accepted and reports each', () => {
    const q = [scan(1), scan(2), scan(3, { kind: 'out' })]
    const { queue, outcomes } = applyResults(q, [
      { id: scan(1).scanId, ok: true, code: null, message: null },
      { id: scan(3).scanId, ok: true, code: null, message: null },
    ])
    expect(queue.map((s) => s.scanId)).toEqual([scan(2).scanId])
    expect(outcomes).toEqual([
      expect.objectContaining({ scanId: scan(1).scanId, ok: true, message: '签到成功' }),
      expect.objectContaining({ scanId: scan(3).scanId, ok: true, message: '签退成功' }),
    ])
  })

  it('keeps refused scans with the server’s message and leaves them out of automatic sends', () => {
    const q = [scan(1), scan(2)]
    const { queue, outcomes } = applyResults(q, [
      { id: scan(1).scanId, ok: false, code: 'CHECKIN.UNKNOWN_PERSON', message: '没有找到这位青年，或对方未报名。' },
      { id: scan(2).scanId, ok: true, code: null, message: null },
    ])
    expect(queue).toEqual([{ ...scan(1), failed: { code: 'CHECKIN.UNKNOWN_PERSON', message: '没有找到这位青年，或对方未报名。' } }])
    expect(outcomes[0]).toEqual(expect.objectContaining({ ok: false, message: '没有找到这位青年，或对方未报名。' }))
    expect(toSend(queue)).toEqual([])
    expect(toSend(queue, true).map((s) => s.scanId)).toEqual([scan(1).scanId])
    // A refusal without a message still says something.
    const bare = applyResults([scan(4)], [{ id: scan(4).scanId, ok: false, code: null, message: null }])
    expect(bare.queue[0].failed?.message).toBe('未能签到')
  })

  it('a retried scan that is accepted leaves the queue and loses its old message', () => {
    const q = [{ ...scan(1), failed: { code: 'GENERIC.CONFLICT', message: '数据刚被其他人修改，请刷新后再试。' } }]
    const { queue } = applyResults(q, [{ id: scan(1).scanId, ok: true, code: null, message: null }])
    expect(queue).toEqual([])
  })

  it('keeps everything when the network failed (no answer is no change)', () => {
    const q = [scan(1), scan(2)]
    const { queue, outcomes } = applyResults(q, [])
    expect(queue).toEqual(q)
    expect(outcomes).toEqual([])
  })

  it('keeps scans made while a sync was out (the answer does not mention them)', () => {
    const sent = [scan(1)]
    const now = enqueue(sent, scan(2))
    const { queue } = applyResults(now, [{ id: scan(1).scanId, ok: true, code: null, message: null }])
    expect(queue.map((s) => s.scanId)).toEqual([scan(2).scanId])
  })

  it('sends at most one batch the contract takes, with only the contract’s fields', () => {
    const q = Array.from({ length: SYNC_BATCH + 5 }, (_, i) => scan(i, i === 0 ? { failed: { code: null, message: 'x' } } : {}))
    const batch = toSend(q)
    expect(batch).toHaveLength(SYNC_BATCH)
    expect(batch[0].scanId).toBe(scan(1).scanId)
    expect(Object.keys(payloadOf(batch)[0]).sort()).toEqual(['kind', 'personCode', 'scanId', 'scannedAt'])
    expect(activityContract.actions.syncScans.input.safeParse({ activityId: 'a1', scans: payloadOf(batch) }).success).toBe(true)
  })

  it('removes one scan by id', () => {
    expect(removeScan([scan(1), scan(2)], scan(1).scanId)).toEqual([scan(2)])
  })

  it('reads back what storage held and drops what is not a scan', () => {
    const stored = JSON.parse(JSON.stringify([scan(1), { ...scan(2), failed: { code: 'X', message: 'm' } }, { scanId: 3 }, null, { ...scan(4), kind: 'sideways' }]))
    expect(parseQueue(stored)).toEqual([scan(1), { ...scan(2), failed: { code: 'X', message: 'm' } }])
    expect(parseQueue('')).toEqual([])
    expect(parseQueue(undefined)).toEqual([])
  })
})
