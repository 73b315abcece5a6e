import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { ROOT, startLocalCloud } from './local-cloud'

/** `npm start`: build the H5 app if it is missing, then run everything on 127.0.0.1:PORT. */
async function main() {
  const staticDir = resolve(ROOT, 'dist/h5')
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    console.log('首次启动：正在构建 H5 应用（约半分钟）…')
    const r = spawnSync('npm', ['run', 'build:h5'], { cwd: ROOT, stdio: 'inherit' })
    if (r.status !== 0) process.exit(r.status ?? 1)
  }
  const port = Number(process.env.PORT ?? 8787)
  const cloud = await startLocalCloud({ port, staticDir })
  console.log(`团青通已启动：${cloud.url}/  (组织 ${cloud.seeded.orgs} 个，青年档案 ${cloud.seeded.profiles} 份)`)
  console.log(`本地体验身份：${cloud.url}/dev/    接口说明：${cloud.url}/dev/contract`)
  const stop = () => cloud.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
