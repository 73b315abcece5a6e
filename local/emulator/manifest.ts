import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export type IndexDirection = 1 | -1 | '2dsphere'

export interface IndexSpec {
  name: string
  keys: Record<string, IndexDirection>
  unique?: boolean
}

/** database/indexes.json: the one list of indexes for the emulator and for production set-up. */
export interface IndexManifest {
  collections: Record<string, IndexSpec[]>
}

export function defaultManifestPath(): string {
  // local/emulator → repository root
  return join(__dirname, '..', '..', 'database', 'indexes.json')
}

export function loadManifest(path = defaultManifestPath()): IndexManifest {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<IndexManifest>
  return validateManifest(raw)
}

export function validateManifest(raw: Partial<IndexManifest>): IndexManifest {
  if (!raw || typeof raw !== 'object' || !raw.collections || typeof raw.collections !== 'object') {
    throw new Error('index manifest must be {collections: {<name>: [...]}}')
  }
  for (const [coll, specs] of Object.entries(raw.collections)) {
    if (!Array.isArray(specs)) throw new Error(`index manifest: ${coll} must list indexes`)
    const names = new Set<string>()
    for (const s of specs) {
      if (!s.name || typeof s.name !== 'string') throw new Error(`index manifest: ${coll} has an index without name`)
      if (names.has(s.name)) throw new Error(`index manifest: ${coll}.${s.name} declared twice`)
      names.add(s.name)
      const fields = Object.entries(s.keys ?? {})
      if (fields.length === 0) throw new Error(`index manifest: ${coll}.${s.name} has no keys`)
      for (const [f, d] of fields) {
        if (d !== 1 && d !== -1 && d !== '2dsphere') {
          throw new Error(`index manifest: ${coll}.${s.name}.${f} must be 1, -1 or "2dsphere"`)
        }
        if (f === '_id' && fields.length === 1) throw new Error(`index manifest: ${coll}.${s.name}: _id is always indexed`)
      }
    }
  }
  return raw as IndexManifest
}

/** database/collections.json: every collection the functions use, created by deploy and by the local seed. */
export interface CollectionsManifest {
  collections: string[]
}

export function defaultCollectionsPath(): string {
  return join(__dirname, '..', '..', 'database', 'collections.json')
}

export function loadCollections(path = defaultCollectionsPath()): string[] {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<CollectionsManifest>
  const names = raw?.collections
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || !/^[a-z][a-z0-9_]*$/.test(n))) {
    throw new Error(`${path} must be {collections: ["snake_case_name", ...]}`)
  }
  if (new Set(names).size !== names.length) throw new Error(`${path} names a collection twice`)
  return names
}
