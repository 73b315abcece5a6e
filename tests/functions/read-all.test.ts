import { database, readAll, ReadCapExceeded } from '../../cloudfunctions/_core/runtime/db'
import { testCloud, type TestCloud } from '../fixtures/test-cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ seed: false })
  cloud.emulator.store.insertMany(
    'declarations',
    Array.from({ length: 2345 }, (_, i) => ({ _id: `d${String(i).padStart(5, '0')}`, openid: i % 2 ? 'odd' : 'even', n: i })),
  )
})
afterAll(() => cloud.close())

describe('readAll', () => {
  it('walks past the 1000 documents one SDK call answers, in _id order, without repeats', async () => {
    const all = await readAll<{ _id: string; n: number }>(database(), 'declarations', {})
    expect(all).toHaveLength(2345)
    expect(new Set(all.map((d) => d._id)).size).toBe(2345)
    expect(all.map((d) => d._id)).toEqual([...all.map((d) => d._id)].sort())
    expect(await readAll(database(), 'declarations', { openid: 'odd' })).toHaveLength(1172)
  })

  it('refuses loudly when the matches pass its cap, instead of answering the first ones', async () => {
    await expect(readAll(database(), 'declarations', {}, 1500)).rejects.toThrow(ReadCapExceeded)
    await expect(readAll(database(), 'declarations', {}, 2344)).rejects.toThrow(/declarations.*more than 2344/)
  })

  it('answers everything when the matches reach the cap exactly, and reads to the end without one', async () => {
    expect(await readAll(database(), 'declarations', {}, 2345)).toHaveLength(2345)
    expect(await readAll(database(), 'declarations', { openid: 'even' }, 1173)).toHaveLength(1173)
    expect(await readAll(database(), 'declarations', {}, Infinity)).toHaveLength(2345)
  })

  it('fails the action that made the read as GENERIC.INTERNAL, logged with the action name', async () => {
    const { failureBody } = await import('../../cloudfunctions/_core/runtime/failure')
    const logged: Array<Record<string, unknown>> = []
    const log = { info: () => undefined, error: (event: string, fields?: Record<string, unknown>) => logged.push({ event, ...fields }) }
    const e = await readAll(database(), 'declarations', {}, 10).catch((x: unknown) => x)
    expect(failureBody(e, log, 'action_failed', { fn: 'activity', action: 'myRecords' })).toEqual({ code: 'GENERIC.INTERNAL', message: expect.any(String) })
    expect(logged).toEqual([expect.objectContaining({ event: 'action_failed', action: 'myRecords', error: 'ReadCapExceeded' })])
  })
})
