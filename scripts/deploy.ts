import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { loadCollections } from '../local/emulator/manifest'
import { createCollections } from './deploy-collections'

/**
 * `npm run deploy`: create every collection in database/collections.json that the environment
 * lacks, then build the functions and deploy them with CloudBase's CLI (pinned, run through npx so
 * an ordinary install does not carry it). Needs TCB_ENV_ID, TQ_DATA_KEY, an API key pair
 * (TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY) for the collections and a logged-in CLI
 * (`npx @cloudbase/cli login`); see docs/deploy.md. Database indexes and rules are set in the console
 * from database/indexes.json and database/rules.json.
 */
const CLI = '@cloudbase/cli@2.12.10'
const root = resolve(__dirname, '..')

function run(cmd: string, args: string[]) {
  console.log(`$ ${cmd} ${args.join(' ')}`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

const missing = ['TCB_ENV_ID', 'TQ_DATA_KEY', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'].filter((k) => !process.env[k])
if (missing.length) {
  console.error(`缺少环境变量：${missing.join('、')}（见 docs/deploy.md）`)
  process.exit(2)
}
if (!/^[0-9a-fA-F]{64}$/.test(process.env.TQ_DATA_KEY ?? '')) {
  console.error('TQ_DATA_KEY 须为 64 位十六进制字符（32 字节）')
  process.exit(2)
}

async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk')
  cloud.init({ env: process.env.TCB_ENV_ID, secretId: process.env.TENCENTCLOUD_SECRETID, secretKey: process.env.TENCENTCLOUD_SECRETKEY })
  const made = await createCollections(cloud.database(), loadCollections())
  console.log(made.length ? `已创建集合：${made.join('、')}` : '数据库集合均已存在。')
  deployFunctions()
}

function deployFunctions(): void {
  run('npm', ['run', 'build:functions'])
  const rc = JSON.parse(readFileSync(resolve(root, 'cloudbaserc.json'), 'utf8')) as { functions: { name: string }[] }
  for (const fn of rc.functions) run('npx', ['--yes', CLI, 'fn', 'deploy', fn.name, '--force', '-e', process.env.TCB_ENV_ID as string])
  for (const fn of rc.functions.filter((f) => (f as { triggers?: unknown[] }).triggers?.length)) {
    run('npx', ['--yes', CLI, 'fn', 'trigger', 'create', fn.name, '-e', process.env.TCB_ENV_ID as string, '--yes'])
  }
  console.log('云函数已部署。索引与安全规则请按 docs/deploy.md 在控制台核对。')
}

main().catch((e) => {
  console.error('部署失败：', e)
  process.exit(1)
})
