import fs from 'node:fs'
import path from 'node:path'

/**
 * The packages of a weapp build (dist/weapp) and their sizes against the budget: one reading for
 * `check:weapp` (which fails a build over budget) and `bench/size` (which prints the figures).
 */

export const KiB = 1024
const MiB = 1024 * KiB
/** Our own budget for the main package; WeChat's hard limit is 2 MB per package. */
export const MAIN_LIMIT = 1 * MiB
export const SUBPACKAGE_LIMIT = 2 * MiB
export const TOTAL_LIMIT = 20 * MiB
export const MAIN = 'main package'
/** DevTools' project files sit in the output folder but are not part of any package. */
const NOT_PACKAGED = new Set(['project.config.json', 'project.private.config.json'])

export interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
  usingComponents?: Record<string, string>
}

export interface PackageSize {
  /** `main package`, a subpackage's root (`packages/cadre/`) or `total`. */
  name: string
  bytes: number
  limit: number
  /** Files of the package, largest first. */
  files: { file: string; bytes: number }[]
}

export function readAppJson(root: string): AppJson | null {
  const file = path.join(root, 'app.json')
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as AppJson) : null
}

export function subPackagesOf(app: AppJson): { root: string; pages: string[] }[] {
  return app.subPackages ?? app.subpackages ?? []
}

/** Every file below `root`, relative, with `/` separators, sorted. */
export function listFiles(root: string, dir: string = root): string[] {
  const out: string[] = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...listFiles(root, full))
    else out.push(path.relative(root, full).split(path.sep).join('/'))
  }
  return out.sort()
}

/** The main package, each subpackage in app.json's order, then the total. */
export function packageSizes(root: string, app: AppJson, files: string[] = listFiles(root)): PackageSize[] {
  const subRoots = subPackagesOf(app).map((p) => p.root.replace(/\/$/, '') + '/')
  const packages = new Map<string, PackageSize>([[MAIN, { name: MAIN, bytes: 0, limit: MAIN_LIMIT, files: [] }]])
  for (const r of subRoots) packages.set(r, { name: r, bytes: 0, limit: SUBPACKAGE_LIMIT, files: [] })
  for (const file of files) {
    if (NOT_PACKAGED.has(file)) continue
    const bytes = fs.statSync(path.join(root, file)).size
    const pkg = packages.get(subRoots.find((r) => file.startsWith(r)) ?? MAIN)!
    pkg.bytes += bytes
    pkg.files.push({ file, bytes })
  }
  const rows = [...packages.values()]
  for (const r of rows) r.files.sort((a, b) => b.bytes - a.bytes || a.file.localeCompare(b.file))
  rows.push({ name: 'total', bytes: rows.reduce((a, r) => a + r.bytes, 0), limit: TOTAL_LIMIT, files: [] })
  return rows
}

export const kib = (bytes: number, digits = 1) => (bytes / KiB).toFixed(digits)
