/**
 * Structured logs. Payloads are never logged whole: they may carry phone or ID numbers (DOMAIN.md
 * invariant 9). Errors are logged with the function and action name.
 */
export interface Log {
  info(event: string, fields?: Record<string, unknown>): void
  error(event: string, fields?: Record<string, unknown>): void
}

export const consoleLog: Log = {
  info: (event, fields) => console.log(JSON.stringify({ level: 'info', event, ...fields })),
  error: (event, fields) => console.error(JSON.stringify({ level: 'error', event, ...fields })),
}

export function errorFields(e: unknown): Record<string, unknown> {
  if (e instanceof Error) return { error: e.name, detail: e.message, stack: e.stack?.split('\n').slice(0, 6).join('\n') }
  if (e && typeof e === 'object') return { error: 'non-error', detail: JSON.stringify(e).slice(0, 500) }
  return { error: 'non-error', detail: String(e).slice(0, 500) }
}
