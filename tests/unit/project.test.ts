import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { renderApiMarkdown } from '../../types/contract/describe'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'

const root = resolve(__dirname, '../..')

describe('project', () => {
  it('keeps docs/api.md equal to what the contract generates (run npm run docs:api)', () => {
    expect(readFileSync(resolve(root, 'docs/api.md'), 'utf8')).toBe(renderApiMarkdown())
  })

  it('declares every collection the code uses in database/indexes.json', () => {
    const manifest = JSON.parse(readFileSync(resolve(root, 'database/indexes.json'), 'utf8'))
    expect(Object.keys(manifest.collections).sort()).toEqual(Object.values(COLLECTIONS).sort())
  })

  it('lets clients read and write nothing directly (functions do all database work)', () => {
    const rules = JSON.parse(readFileSync(resolve(root, 'database/rules.json'), 'utf8'))
    for (const c of Object.values(COLLECTIONS)) expect(rules[c]).toEqual({ read: false, write: false })
  })
})
