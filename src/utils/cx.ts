/** Joins class names, skipping falsy ones. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ')
}

/** `{ id }` only when there is one: Taro's h5 components would otherwise render `id="undefined"`. */
export function idProp(id: string | undefined): { id?: string } {
  return id ? { id } : {}
}
