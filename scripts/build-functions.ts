import { build } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * `npm run build:functions`: one deployable folder per cloud function under dist/functions/<fn>/
 * holding index.js, package.json and config.json, nothing else. Shared code (`_core`, `types`) is
 * bundled in. wx-server-sdk is inlined by default (the pinned version ships with the code and the
 * cloud installs nothing); `--external-sdk` leaves it to the cloud's npm install instead. Both are
 * printed so the choice stays a measured one.
 */
const root = resolve(__dirname, '..')
const src = resolve(root, 'cloudfunctions')
const out = resolve(root, 'dist/functions')
const externalSdk = process.argv.includes('--external-sdk')

export function functionNames(): string[] {
  return readdirSync(src).filter((d) => !d.startsWith('_') && existsSync(resolve(src, d, 'index.ts')))
}

async function bundle(fn: string, external: boolean, outfile: string): Promise<number> {
  await build({
    entryPoints: [resolve(src, fn, 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    external: external ? ['wx-server-sdk'] : [],
    logLevel: 'warning',
  })
  return statSync(outfile).size
}

async function main() {
  rmSync(out, { recursive: true, force: true })
  const rows: string[] = []
  for (const fn of functionNames()) {
    const dir = resolve(out, fn)
    mkdirSync(dir, { recursive: true })
    const size = await bundle(fn, externalSdk, resolve(dir, 'index.js'))
    const other = await bundle(fn, !externalSdk, resolve(out, `.${fn}.other.js`))
    rmSync(resolve(out, `.${fn}.other.js`))
    copyFileSync(resolve(src, fn, 'config.json'), resolve(dir, 'config.json'))
    const pkg = JSON.parse(require('node:fs').readFileSync(resolve(src, fn, 'package.json'), 'utf8'))
    if (!externalSdk) pkg.dependencies = {}
    writeFileSync(resolve(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n')
    const [inl, ext] = externalSdk ? [other, size] : [size, other]
    rows.push(`${fn.padEnd(12)} ${(inl / 1024).toFixed(0).padStart(8)} KiB ${(ext / 1024).toFixed(0).padStart(8)} KiB`)
  }
  console.log(`${'function'.padEnd(12)} ${'SDK inlined'.padStart(12)} ${'SDK external'.padStart(12)}   (built: ${externalSdk ? 'external' : 'inlined'})`)
  for (const r of rows) console.log(r)
  console.log(`→ ${out}`)
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
