import { rmSync } from 'node:fs'
import { resolve } from 'node:path'

/** `npm run reset`: wipe local data (database and data key); the next start seeds afresh. */
const dir = resolve(__dirname, '../.data')
rmSync(dir, { recursive: true, force: true })
console.log(`已清空本地数据：${dir}`)
