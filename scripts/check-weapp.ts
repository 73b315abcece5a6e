/**
 * Checks the weapp build the way WeChat would: every WXML file through WeChat's own `wcc`, every WXSS
 * file through `wcsc` (the Linux binaries shipped in the npm package `miniprogram-compiler`), every
 * page in app.json present, and the package-size budget. Prints a size table; exits non-zero on failure.
 *
 *   npx tsx scripts/check-weapp.ts [dist/weapp]
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { KiB, kib, listFiles, packageSizes, readAppJson, subPackagesOf, type AppJson } from './weapp-packages'

const MiB = 1024 * KiB

const root = path.resolve(process.argv[2] ?? 'dist/weapp')
const failures: string[] = []

/** The binaries ship without the execute bit; run private copies rather than touching node_modules. */
function compilerBinary(name: 'wcc' | 'wcsc'): string {
  if (process.platform !== 'linux') throw new Error(`check:weapp runs WeChat's Linux compilers; this is ${process.platform}`)
  const source = require.resolve(`miniprogram-compiler/bin/linux/${name}`)
  const dir = path.join(os.tmpdir(), 'tuanqing-miniprogram-compiler')
  fs.mkdirSync(dir, { recursive: true })
  const target = path.join(dir, name)
  const stale = !fs.existsSync(target) || fs.statSync(target).size !== fs.statSync(source).size
  if (stale) fs.copyFileSync(source, target)
  fs.chmodSync(target, 0o755)
  return target
}

function readJson<T>(rel: string): T | null {
  const file = path.join(root, rel)
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : null
}

/** Pages and every custom component they reach through usingComponents (paths without extension). */
function collectEntries(app: AppJson): { pages: string[]; components: string[] } {
  const pages = [
    ...app.pages,
    ...subPackagesOf(app).flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`)),
  ]
  const components = new Set<string>()
  const queue = [...pages]
  const seen = new Set<string>()
  const uses = (from: string, map: Record<string, string> | undefined) => {
    for (const target of Object.values(map ?? {})) {
      if (target.startsWith('plugin://')) continue
      const rel = path.posix.normalize(target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(from), target))
      if (!components.has(rel)) {
        components.add(rel)
        queue.push(rel)
      }
    }
  }
  uses('app', app.usingComponents)
  while (queue.length) {
    const entry = queue.shift()!
    if (seen.has(entry)) continue
    seen.add(entry)
    uses(entry, readJson<{ usingComponents?: Record<string, string> }>(`${entry}.json`)?.usingComponents)
  }
  return { pages, components: [...components] }
}

function checkEntries(pages: string[], components: string[]): void {
  for (const entry of [...pages, ...components]) {
    for (const ext of ['.js', '.json', '.wxml']) {
      if (!fs.existsSync(path.join(root, entry + ext))) failures.push(`缺少文件 ${entry}${ext}`)
    }
  }
}

/** wcc over every WXML file (pages, components and the templates they import), like DevTools does. */
function runWcc(files: string[], entries: string[]): number {
  const wxml = files.filter((f) => f.endsWith('.wxml'))
  const wxs = files.filter((f) => f.endsWith('.wxs'))
  const withComponents = entries
    .map((entry) => ({ entry, json: readJson<{ usingComponents?: Record<string, string> }>(`${entry}.json`) }))
    .filter((e) => e.json?.usingComponents && fs.existsSync(path.join(root, `${e.entry}.wxml`)))
  const componentArgs = [
    String(withComponents.length),
    ...withComponents.flatMap((e) => {
      const names = Object.keys(e.json!.usingComponents!)
      return [`${e.entry}.wxml`, String(names.length), ...names]
    }),
  ].join(' ')
  const result = spawnSync(compilerBinary('wcc'), ['-d', '-cc', componentArgs, ...wxml, ...wxs, '-gn', '$gwx'], {
    cwd: root,
    maxBuffer: 256 * MiB,
  })
  if (result.error) failures.push(`wcc 无法运行: ${result.error.message}`)
  else if (result.status !== 0) failures.push(`wcc 报错 (退出码 ${result.status}):\n${result.stderr.toString().trim()}`)
  return wxml.length
}

/** wcsc over every WXSS file; page/component styles first, as DevTools orders them. */
function runWcsc(files: string[], entries: string[]): number {
  const wxss = files.filter((f) => f.endsWith('.wxss'))
  const owned = new Set(entries.map((e) => `${e}.wxss`).filter((f) => wxss.includes(f)))
  const ordered = [...wxss.filter((f) => owned.has(f)), ...wxss.filter((f) => !owned.has(f))]
  const result = spawnSync(compilerBinary('wcsc'), ['-db', '-pc', String(owned.size), ...ordered], {
    cwd: root,
    maxBuffer: 256 * MiB,
  })
  // Errors name their file and position (e.g. `pages/me/index.wxss(2:1)`); treat any ERR line as failure.
  const stderr = result.stderr?.toString().trim() ?? ''
  if (result.error) failures.push(`wcsc 无法运行: ${result.error.message}`)
  else if (result.status !== 0 || /ERR:|error file count: [1-9]/.test(stderr)) {
    failures.push(`wcsc 报错 (退出码 ${result.status}):\n${stderr}`)
  }
  return wxss.length
}

function sizeTable(files: string[], app: AppJson): void {
  const rows = packageSizes(root, app, files)
  const width = Math.max(...rows.map((r) => r.name.length)) + 2
  console.log('\n包体积 package sizes (KiB = 1024 bytes)')
  console.log(`${'package'.padEnd(width)}${'KiB'.padStart(10)}${'limit KiB'.padStart(12)}  status`)
  for (const { name, bytes, limit } of rows) {
    const ok = bytes <= limit
    console.log(`${name.padEnd(width)}${kib(bytes).padStart(10)}${kib(limit, 0).padStart(12)}  ${ok ? 'ok' : 'OVER'}`)
    if (!ok) failures.push(`${name} 超出体积上限: ${kib(bytes)} KiB > ${kib(limit, 0)} KiB`)
  }
}

function main(): void {
  const app = readAppJson(root)
  if (!app) {
    console.error(`没有找到 ${path.join(root, 'app.json')}：请先运行 npm run build:weapp`)
    process.exit(1)
  }
  const files = listFiles(root)
  const { pages, components } = collectEntries(app)
  checkEntries(pages, components)
  const entries = ['app', ...pages, ...components]
  const wxmlCount = runWcc(files, entries)
  const wxssCount = runWcsc(files, entries)
  console.log(`wcc: ${wxmlCount} 个 WXML；wcsc: ${wxssCount} 个 WXSS；页面 ${pages.length} 个，自定义组件 ${components.length} 个`)
  sizeTable(files, app)
  if (failures.length) {
    console.error('\ncheck:weapp 未通过:')
    for (const f of failures) console.error(`- ${f}`)
    process.exit(1)
  }
  console.log('\ncheck:weapp 通过')
}

main()
