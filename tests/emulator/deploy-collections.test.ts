// Deploy's collection step (scripts/deploy-collections.ts) through the real SDK: it creates what
// the environment lacks, leaves what exists, and stops on any other failure.
import { loadCollections } from '../../local/emulator'
import { createCollections } from '../../scripts/deploy-collections'
import { harness, type Harness } from './sdk'

let h: Harness

beforeAll(async () => {
  h = await harness({ collections: ['profiles'] })
})
afterAll(async () => {
  await h.emu.close()
})

test('creates every collection of database/collections.json the environment lacks, once', async () => {
  const names = loadCollections()
  h.emu.store.insertMany('profiles', [{ _id: 'kept' }])
  expect(await createCollections(h.db, names)).toEqual(names.filter((n) => n !== 'profiles'))
  expect(h.emu.store.collections()).toEqual([...names].sort())
  expect(h.emu.store.get('profiles', 'kept')).toEqual({ _id: 'kept' })
  // every function's collection now answers: an empty read, not DATABASE_COLLECTION_NOT_EXIST
  for (const n of names) expect((await h.db.collection(n).count()).total).toBe(n === 'profiles' ? 1 : 0)
  // a second deploy finds them all
  expect(await createCollections(h.db, names)).toEqual([])
})

test('any other failure stops it', async () => {
  const failing = { createCollection: async () => Promise.reject(Object.assign(new Error('network down'), { code: 'ECONNRESET' })) }
  await expect(createCollections(failing, ['a'])).rejects.toThrow('network down')
})
