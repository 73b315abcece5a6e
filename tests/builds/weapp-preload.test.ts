import { resolve } from 'node:path'
import { MAIN, packageSizes, readAppJson, subPackagesOf, type AppJson } from '../../scripts/weapp-packages'

/**
 * What the weapp build (dist/weapp) fetches ahead: WeChat gives the pages of one package a shared
 * quota of 2 MB for the subpackages their preloadRule names, and refuses the upload beyond it. A
 * preload rule adds nothing to the main package, so check:weapp's budget cannot see this.
 */
const root = resolve(__dirname, '../../dist/weapp')
const PRELOAD_LIMIT = 2 * 1024 * 1024

type Built = AppJson & { preloadRule?: Record<string, { network?: string; packages: string[] }> }
const app = readAppJson(root) as Built | null

/** The package a page belongs to: a subpackage's root (`packages/cadre/`) or the main package. */
function packageOf(a: AppJson, page: string): string {
  return subPackagesOf(a).map((p) => p.root.replace(/\/$/, '') + '/').find((r) => page.startsWith(r)) ?? MAIN
}

it('built the weapp', () => {
  expect(app?.pages).toEqual(expect.arrayContaining(['pages/me/index']))
})

it('preloads only subpackages it has, and no package’s pages together preload 2 MB or more', () => {
  const a = app!
  const sizes = new Map(packageSizes(root, a).map((r) => [r.name, r.bytes]))
  const roots = new Set(subPackagesOf(a).map((p) => p.root.replace(/\/$/, '')))
  const preloaded = new Map<string, Set<string>>()
  for (const [page, rule] of Object.entries(a.preloadRule ?? {})) {
    expect({ page, missing: rule.packages.filter((p) => !roots.has(p.replace(/\/$/, ''))) }).toEqual({ page, missing: [] })
    const owner = packageOf(a, page)
    const set = preloaded.get(owner) ?? new Set<string>()
    for (const p of rule.packages) set.add(p.replace(/\/$/, '') + '/')
    preloaded.set(owner, set)
  }
  const totals = [...preloaded].map(([owner, set]) => ({ owner, bytes: [...set].reduce((n, p) => n + (sizes.get(p) ?? 0), 0) }))
  expect(totals.length).toBeGreaterThan(0)
  for (const t of totals) expect({ ...t, within: t.bytes < PRELOAD_LIMIT }).toEqual({ ...t, within: true })
})

it('fetches the clerk’s counter with 我的', () => {
  expect(app!.preloadRule?.['pages/me/index']?.packages).toEqual(expect.arrayContaining(['packages/clerk']))
})
