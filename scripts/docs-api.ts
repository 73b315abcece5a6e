import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { renderApiMarkdown } from '../types/contract/describe'

/** `npm run docs:api`: regenerate docs/api.md from the contract. */
writeFileSync(resolve(__dirname, '../docs/api.md'), renderApiMarkdown())
console.log('docs/api.md updated')
