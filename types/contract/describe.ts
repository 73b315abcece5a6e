import { z } from 'zod'
import type { Contract } from './common'
import { contracts } from './index'

/**
 * Every function's actions with the JSON Schema of their input and output (zod 4's own output).
 * One source for `GET /dev/contract` and `docs/api.md`.
 */
export interface ActionDescription {
  summary: string
  audit: boolean
  public: boolean
  input: unknown
  output: unknown
}

function schema(s: z.ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' })
}

export function describeContract(c: Contract): Record<string, ActionDescription> {
  const out: Record<string, ActionDescription> = {}
  for (const [name, spec] of Object.entries(c.actions)) {
    out[name] = {
      summary: spec.summary,
      audit: Boolean(spec.audit),
      public: Boolean(spec.public),
      input: schema(spec.input, 'input'),
      output: schema(spec.output, 'output'),
    }
  }
  return out
}

export function describeContracts(): Record<string, Record<string, ActionDescription>> {
  return Object.fromEntries(Object.entries(contracts).map(([fn, c]) => [fn, describeContract(c)]))
}

/** docs/api.md, generated; a test keeps the checked-in copy equal to this. */
export function renderApiMarkdown(): string {
  const lines: string[] = [
    '# API',
    '',
    '<!-- Generated from types/contract by `npm run docs:api`; a test fails when this file is stale. -->',
    '',
    'Every cloud function takes `{ action, payload }` and answers `{ ok: true, data }` or',
    '`{ ok: false, error: { code, message, issues? } }` (codes in `types/errors.ts`).',
    'In the mini program: `wx.cloud.callFunction({ name, data: { action, payload } })`; locally: `POST /api/<name>`.',
    '',
  ]
  for (const [fn, actions] of Object.entries(describeContracts())) {
    lines.push(`## \`${fn}\``, '')
    lines.push('| action | what it does | audited |', '|---|---|---|')
    for (const [name, a] of Object.entries(actions)) lines.push(`| \`${name}\` | ${a.summary} | ${a.audit ? 'yes' : ''} |`)
    lines.push('')
    for (const [name, a] of Object.entries(actions)) {
      lines.push(`### \`${fn}.${name}\``, '', a.summary, '')
      lines.push('<details><summary>input</summary>', '', '```json', JSON.stringify(a.input, null, 2), '```', '', '</details>', '')
      lines.push('<details><summary>output</summary>', '', '```json', JSON.stringify(a.output, null, 2), '```', '', '</details>', '')
    }
  }
  return lines.join('\n')
}
