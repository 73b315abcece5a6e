/**
 * Structured logs. Payloads are never logged whole: they may carry phone or ID numbers (docs/domain.md
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

/** Masks anything shaped like a mobile or resident ID number, wherever a message picked it up from. */
export function redact(text: string): string {
  return text
    .replace(/(?<![\dA-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![\dA-Za-z])/g, '$1**********$2')
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2')
}

export function errorFields(e: unknown): Record<string, unknown> {
  if (e instanceof Error) return { error: e.name, detail: redact(e.message), stack: redact(e.stack?.split('\n').slice(0, 6).join('\n') ?? '') }
  if (e && typeof e === 'object') return { error: 'non-error', detail: redact(JSON.stringify(e).slice(0, 500)) }
  return { error: 'non-error', detail: redact(String(e).slice(0, 500)) }
}
