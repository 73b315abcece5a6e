import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { UPLOAD_PATH } from '../../types/contract/common'
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

  it('lets a phone write only new images of the upload path to storage, as itself, and read nothing', () => {
    const rules = JSON.parse(readFileSync(resolve(root, 'database/storage-rules.json'), 'utf8'))
    expect(rules.read).toBe(false)
    expect(rules.write).toContain('resource.openid == auth.openid')
    // The rule's path pattern is the one the functions and the emulator use.
    const pattern = /\/(\^.*\$)\/\.test\(resource\.path\) == true/.exec(rules.write)?.[1]
    expect(pattern?.replace(/\\\//g, '/')).toBe(UPLOAD_PATH.source.replace(/\\\//g, '/'))
  })

  it('declares in app.json every privacy-protected location API the app calls (requiredPrivateInfos)', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : /\.tsx?$/.test(f) ? [join(dir, f)] : []))
    const used = new Set(files(resolve(root, 'src')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/Taro\.(getLocation|chooseLocation|getFuzzyLocation|onLocationChange|startLocationUpdate|choosePoi|chooseAddress)\b/g)].map((m) => m[1])))
    const config = readFileSync(resolve(root, 'src/app.config.ts'), 'utf8')
    const declared = JSON.parse((/requiredPrivateInfos: (\[[^\]]*\])/.exec(config)?.[1] ?? '[]').replace(/'/g, '"')) as string[]
    expect(used.size).toBeGreaterThan(0)
    for (const api of used) expect(declared).toContain(api)
    expect(config).toMatch(/'scope\.userLocation': \{ desc: '[^']+' \}/)
  })
})
