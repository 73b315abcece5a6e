import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'
import { loadCollections } from '../../local/emulator/manifest'

// CloudBase answers DATABASE_COLLECTION_NOT_EXIST for a collection nobody created, so deploy
// (scripts/deploy.ts) and the local seed create every name in database/collections.json.
describe('database/collections.json', () => {
  const manifest = loadCollections()

  it('names exactly the collections the functions use (cloudfunctions/_core/runtime/collections.ts)', () => {
    expect([...manifest].sort()).toEqual(Object.values(COLLECTIONS).sort())
  })

  it('holds every collection that database/indexes.json declares indexes for', () => {
    const indexes = JSON.parse(readFileSync(resolve(__dirname, '../../database/indexes.json'), 'utf8')) as { collections: Record<string, unknown> }
    expect(Object.keys(indexes.collections).filter((c) => !manifest.includes(c))).toEqual([])
  })

  it('refuses a malformed manifest instead of creating nothing', () => {
    const bad = resolve(__dirname, '../../package.json')
    expect(() => loadCollections(bad)).toThrow(/must be \{collections/)
  })
})
