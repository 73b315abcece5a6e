// SQLite layer: one table per collection (id TEXT PRIMARY KEY, doc TEXT) plus one side table per
// declared index, maintained on every write. Everything here is synchronous: a request handler
// runs its whole SQLite work without yielding, so each request is atomic.
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { EmulatorError } from './errors'
import { fromStored, toStored } from './ejson'
import { indexTuples, tuplesSignature, type KeyPart } from './keys'
import type { IndexManifest, IndexSpec } from './manifest'
import type { Doc } from './values'

type Stmt = Database.Statement<unknown[], unknown>

export interface IndexHandle {
  coll: string
  name: string
  fields: string[]
  unique: boolean
  table: string
  /** Set once any document put an array into the index; plans that rely on one key per document check it. */
  multikey: boolean
  insert: Stmt
  deleteById: Stmt
}

export interface CollectionHandle {
  name: string
  table: string
  indexes: IndexHandle[]
  /** Fields with a declared 2dsphere index (geo queries are refused without one). */
  geoFields: Set<string>
  getStmt: Stmt
  insertStmt: Stmt
  updateStmt: Stmt
  deleteStmt: Stmt
  scanStmt: Stmt
  countStmt: Stmt
}

export interface Row {
  id: string
  doc: string
}

const q = (ident: string): string => `"${ident.replace(/"/g, '""')}"`

/** Primary-key text for an _id of any type (strings, the usual case, are stored as is). */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id
  return `\u0001${toStored(id)}`
}

function isConstraint(e: unknown): e is Error & { code: string } {
  const code = (e as { code?: unknown }).code
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')
}

function describeKey(fields: string[], doc: Doc): string {
  const parts = fields.map((f) => {
    let v: unknown = doc
    for (const seg of f.split('.')) v = v && typeof v === 'object' ? (v as Doc)[seg] : undefined
    return `${f}: ${v === undefined ? 'null' : toStored(v)}`
  })
  return `{ ${parts.join(', ')} }`
}

export class Storage {
  readonly db: Database.Database
  private readonly handles = new Map<string, CollectionHandle>()
  private readonly manifest: IndexManifest
  private readonly env: string

  constructor(file: string, manifest: IndexManifest, env: string) {
    if (file !== ':memory:' && file !== '') mkdirSync(dirname(file), { recursive: true })
    this.db = new Database(file)
    this.manifest = manifest
    this.env = env
    try {
      this.init()
    } catch (e) {
      this.db.close()
      throw e
    }
  }

  private init(): void {
    this.db.pragma('journal_mode = WAL')
    // NORMAL in WAL mode: a committed transaction survives a killed process (not a power cut).
    this.db.pragma('synchronous = NORMAL')
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS _emulator_collections (name TEXT PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS _emulator_indexes (
        coll TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, multikey INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (coll, name));
    `)
    // Collections exist once created (addCollection, Store.createCollections, a direct Store
    // write); the index manifest only says which indexes a collection gets when it is.
    const known = this.db.prepare('SELECT name FROM _emulator_collections').pluck().all() as string[]
    for (const name of known) this.open(name, true)
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  collections(): string[] {
    return [...this.handles.keys()].sort()
  }

  has(name: string): boolean {
    return this.handles.has(name)
  }

  /** The collection's handle; created (table, declared indexes) on first use when `create`. */
  open(name: string, create: true): CollectionHandle
  open(name: string, create: boolean): CollectionHandle | undefined
  open(name: string, create: boolean): CollectionHandle | undefined {
    const h = this.handles.get(name)
    if (h || !create) return h
    if (!name || name.length > 128) throw new EmulatorError('INVALID_PARAM', `invalid collection name '${name}'`)
    const table = q(`c/${name}`)
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, doc TEXT NOT NULL)`)
    this.db.prepare('INSERT OR IGNORE INTO _emulator_collections (name) VALUES (?)').run(name)
    const handle: CollectionHandle = {
      name,
      table,
      indexes: [],
      geoFields: new Set(),
      getStmt: this.db.prepare(`SELECT doc FROM ${table} WHERE id = ?`).pluck(),
      insertStmt: this.db.prepare(`INSERT INTO ${table} (id, doc) VALUES (?, ?)`),
      updateStmt: this.db.prepare(`UPDATE ${table} SET doc = ? WHERE id = ?`),
      deleteStmt: this.db.prepare(`DELETE FROM ${table} WHERE id = ?`),
      scanStmt: this.db.prepare(`SELECT id, doc FROM ${table} ORDER BY rowid`),
      countStmt: this.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck(),
    }
    this.handles.set(name, handle)
    this.reconcileIndexes(handle, this.manifest.collections[name] ?? [])
    return handle
  }

  private reconcileIndexes(h: CollectionHandle, specs: IndexSpec[]): void {
    const stored = new Map(
      (this.db.prepare('SELECT name, spec, multikey FROM _emulator_indexes WHERE coll = ?').all(h.name) as Array<{
        name: string
        spec: string
        multikey: number
      }>).map((r) => [r.name, r]),
    )
    for (const [name] of stored) {
      if (!specs.some((s) => s.name === name)) {
        this.db.exec(`DROP TABLE IF EXISTS ${q(`i/${h.name}/${name}`)}`)
        this.db.prepare('DELETE FROM _emulator_indexes WHERE coll = ? AND name = ?').run(h.name, name)
      }
    }
    for (const spec of specs) {
      const entries = Object.entries(spec.keys)
      for (const [f, d] of entries) if (d === '2dsphere') h.geoFields.add(f)
      // A 2dsphere index only enables geo queries (which answer NOT_IMPLEMENTED); no side table.
      if (entries.some(([, d]) => d === '2dsphere')) continue
      const fields = entries.map(([f]) => f)
      const specText = JSON.stringify({ keys: spec.keys, unique: !!spec.unique })
      const table = q(`i/${h.name}/${spec.name}`)
      const prev = stored.get(spec.name)
      const fresh = !prev || prev.spec !== specText
      const placeholders = fields.map(() => '?, ?').join(', ')
      const create = (): IndexHandle => {
        if (fresh) {
          this.db.exec(`DROP TABLE IF EXISTS ${table}`)
          const cols = fields.map((_, i) => `t${i} INTEGER NOT NULL, v${i}`).join(', ')
          const keyCols = fields.map((_, i) => `t${i}, v${i}`).join(', ')
          this.db.exec(`CREATE TABLE ${table} (${cols}, id TEXT NOT NULL)`)
          if (spec.unique) this.db.exec(`CREATE UNIQUE INDEX ${q(`i/${h.name}/${spec.name}/u`)} ON ${table} (${keyCols})`)
          else this.db.exec(`CREATE INDEX ${q(`i/${h.name}/${spec.name}/k`)} ON ${table} (${keyCols}, id)`)
          this.db.exec(`CREATE INDEX ${q(`i/${h.name}/${spec.name}/id`)} ON ${table} (id)`)
          this.db
            .prepare('INSERT OR REPLACE INTO _emulator_indexes (coll, name, spec, multikey) VALUES (?, ?, ?, 0)')
            .run(h.name, spec.name, specText)
        }
        const ix: IndexHandle = {
          coll: h.name,
          name: spec.name,
          fields,
          unique: !!spec.unique,
          table,
          multikey: fresh ? false : prev!.multikey === 1,
          insert: this.db.prepare(`INSERT INTO ${table} (${fields.map((_, i) => `t${i}, v${i}`).join(', ')}, id) VALUES (${placeholders}, ?)`),
          deleteById: this.db.prepare(`DELETE FROM ${table} WHERE id = ?`),
        }
        // Building from existing documents can fail (a new unique index over duplicates): the
        // whole (re)definition rolls back with it, so the file never holds a half-built index.
        if (fresh) this.buildIndex(h, ix)
        return ix
      }
      const ix = fresh ? this.db.transaction(create)() : create()
      h.indexes.push(ix)
    }
  }

  private buildIndex(h: CollectionHandle, ix: IndexHandle): void {
    for (const r of h.scanStmt.all() as Row[]) this.addIndexEntries(ix, r.id, fromStored(r.doc))
  }

  private markMultikey(ix: IndexHandle): void {
    ix.multikey = true
    this.db.prepare('UPDATE _emulator_indexes SET multikey = 1 WHERE coll = ? AND name = ?').run(ix.coll, ix.name)
  }

  private addIndexEntries(ix: IndexHandle, id: string, doc: Doc, tuples?: KeyPart[][], multikey?: boolean): void {
    if (!tuples) ({ tuples, multikey } = indexTuples(doc, ix.fields))
    if (multikey && !ix.multikey) this.markMultikey(ix)
    for (const t of tuples) {
      const params: unknown[] = []
      for (const [tt, v] of t) params.push(tt, v)
      params.push(id)
      try {
        ix.insert.run(...params)
      } catch (e) {
        if (isConstraint(e)) throw this.duplicateError(ix, doc)
        throw e
      }
    }
  }

  duplicateError(ix: IndexHandle, doc: Doc): EmulatorError {
    return new EmulatorError(
      'DATABASE_DUPLICATE_WRITE',
      `E11000 duplicate key error collection: ${this.env}.${ix.coll} index: ${ix.name} dup key: ${describeKey(ix.fields, doc)}`,
    )
  }

  /** Ids of committed documents holding any of the unique keys `doc` would take. */
  uniqueHolders(ix: IndexHandle, doc: Doc): string[] {
    const { tuples } = indexTuples(doc, ix.fields)
    const where = ix.fields.map((_, i) => `t${i} = ? AND v${i} = ?`).join(' AND ')
    const stmt = this.db.prepare(`SELECT id FROM ${ix.table} WHERE ${where}`).pluck()
    const ids = new Set<string>()
    for (const t of tuples) {
      const params: unknown[] = []
      for (const [tt, v] of t) params.push(tt, v)
      for (const id of stmt.all(...params) as string[]) ids.add(id)
    }
    return [...ids]
  }

  sameUniqueKey(ix: IndexHandle, a: Doc, b: Doc): boolean {
    const ka = new Set(indexTuples(a, ix.fields).tuples.map((t) => JSON.stringify(t)))
    return indexTuples(b, ix.fields).tuples.some((t) => ka.has(JSON.stringify(t)))
  }

  getText(h: CollectionHandle, key: string): string | undefined {
    return h.getStmt.get(key) as string | undefined
  }

  /** Inserts a document; the caller runs it inside `atomic` so a unique violation undoes it all. */
  insert(h: CollectionHandle, doc: Doc): string {
    const key = idKey(doc._id)
    const text = toStored(doc)
    try {
      h.insertStmt.run(key, text)
    } catch (e) {
      if (isConstraint(e)) {
        throw new EmulatorError(
          'DATABASE_DUPLICATE_WRITE',
          `E11000 duplicate key error collection: ${this.env}.${h.name} index: _id_ dup key: { _id: ${toStored(doc._id)} }`,
        )
      }
      throw e
    }
    for (const ix of h.indexes) this.addIndexEntries(ix, key, doc)
    return text
  }

  replace(h: CollectionHandle, before: Doc, after: Doc): string {
    const key = idKey(before._id)
    const text = toStored(after)
    h.updateStmt.run(text, key)
    for (const ix of h.indexes) {
      const old = indexTuples(before, ix.fields)
      const neu = indexTuples(after, ix.fields)
      if (tuplesSignature(old.tuples) === tuplesSignature(neu.tuples)) {
        if (neu.multikey && !ix.multikey) this.markMultikey(ix)
        continue
      }
      ix.deleteById.run(key)
      this.addIndexEntries(ix, key, after, neu.tuples, neu.multikey)
    }
    return text
  }

  delete(h: CollectionHandle, doc: Doc): void {
    const key = idKey(doc._id)
    h.deleteStmt.run(key)
    for (const ix of h.indexes) ix.deleteById.run(key)
  }

  /** Runs fn in one SQLite transaction (a savepoint when nested). */
  atomic<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  /** Drops all documents, keeps collections and their (now empty) indexes. */
  clear(): void {
    this.atomic(() => {
      for (const h of this.handles.values()) {
        this.db.exec(`DELETE FROM ${h.table}`)
        for (const ix of h.indexes) {
          this.db.exec(`DELETE FROM ${ix.table}`)
          ix.multikey = false
        }
      }
      this.db.exec('UPDATE _emulator_indexes SET multikey = 0')
    })
  }
}
