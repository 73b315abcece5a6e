/** Schema issues as the first Chinese message per field. */
export type FieldErrors = Record<string, string>

interface IssueLike {
  path: readonly PropertyKey[]
  message: string
}

/**
 * `path[0]` names the field; for the objects listed in `nested` the key is `<field>.<sub>`
 * (e.g. `place.lat`). An issue without a path (a whole-form rule) is `form`.
 */
export function issueFields(issues: readonly IssueLike[], nested: readonly string[] = []): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of issues) {
    const [head, sub] = issue.path
    let key = head === undefined ? 'form' : String(head)
    if (nested.includes(key) && sub !== undefined && typeof sub !== 'number') key = `${key}.${String(sub)}`
    if (!out[key]) out[key] = issue.message
  }
  return out
}

/** A number typed into a box: '' and anything not a number → undefined, so the schema says what is missing. */
export function numberOrUndefined(text: string): number | undefined {
  const t = text.trim()
  if (!t) return undefined
  const n = Number(t)
  return Number.isFinite(n) ? n : undefined
}
