import { database, readAll } from '../../cloudfunctions/_core/runtime/db'
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

  it('stops at its cap', async () => {
    expect(await readAll(database(), 'declarations', {}, 1500)).toHaveLength(1500)
  })
})
