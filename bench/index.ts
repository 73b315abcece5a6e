import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * `npm run bench [name…]`: runs each benchmark under bench/<name>/index.ts in its own process, one
 * after another (they measure the machine; running them together would measure each other).
 * Benchmarks print figures beside a baseline measured in the same run; they are not tests.
 */
const dir = __dirname
const all = readdirSync(dir).filter((d) => existsSync(resolve(dir, d, 'index.ts')))
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : all
for (const name of chosen) {
  if (!all.includes(name)) {
    console.error(`no benchmark named ${name} (have: ${all.join(', ')})`)
    process.exit(2)
  }
  console.log(`\n=== bench/${name} ===`)
  const r = spawnSync('npx', ['tsx', resolve(dir, name, 'index.ts')], { stdio: 'inherit', env: process.env })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
