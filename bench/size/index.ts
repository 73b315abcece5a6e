// Benchmark (not a test): the weapp build's packages, each beside its budget, and what weighs most in
// the main package (every tab added later lands there). Reads the build in dist/weapp, making one
// first when there is none (`npm run build:weapp`, about a minute); check:weapp enforces the budget.
//   npx tsx bench/size/index.ts            (dist/weapp)
//   BENCH_WEAPP_DIR=/path/to/weapp npx tsx bench/size/index.ts
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { MAIN, kib, packageSizes, readAppJson } from '../../scripts/weapp-packages'

const ROOT = path.resolve(__dirname, '../..')
const dir = path.resolve(process.env.BENCH_WEAPP_DIR ?? path.join(ROOT, 'dist/weapp'))
const TOP_FILES = Number(process.env.BENCH_TOP ?? 8)

function main(): void {
  if (!readAppJson(dir)) {
    if (process.env.BENCH_WEAPP_DIR) throw new Error(`${dir} has no app.json: not a weapp build`)
    console.log(`no weapp build in ${path.relative(ROOT, dir)}: building it (npm run build:weapp)`)
    const r = spawnSync('npm', ['run', 'build:weapp'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: process.env })
    if (r.status !== 0) throw new Error(`npm run build:weapp failed (exit ${r.status})`)
  }
  const app = readAppJson(dir)!
  const rows = packageSizes(dir, app)
  const built = fs.statSync(path.join(dir, 'app.json')).mtime
  console.log(`\nweapp packages in ${path.relative(ROOT, dir) || dir} (built ${built.toISOString()}), KiB = 1024 bytes`)
  const width = Math.max(...rows.map((r) => r.name.length)) + 2
  console.log(`${'package'.padEnd(width)}${'KiB'.padStart(9)}${'budget KiB'.padStart(12)}${'used'.padStart(8)}${'headroom KiB'.padStart(14)}`)
  for (const r of rows) {
    const used = `${((r.bytes / r.limit) * 100).toFixed(1)} %`
    console.log(`${r.name.padEnd(width)}${kib(r.bytes).padStart(9)}${kib(r.limit, 0).padStart(12)}${used.padStart(8)}${kib(r.limit - r.bytes).padStart(14)}`)
  }
  const main = rows.find((r) => r.name === MAIN)!
  console.log(`\nlargest files of the ${MAIN}:`)
  for (const f of main.files.slice(0, TOP_FILES)) console.log(`${kib(f.bytes).padStart(9)} KiB  ${f.file}`)
  const over = rows.filter((r) => r.bytes > r.limit)
  if (over.length) throw new Error(`over budget: ${over.map((r) => r.name).join(', ')}`)
}

try {
  main()
} catch (e) {
  console.error(e)
  process.exit(1)
}
