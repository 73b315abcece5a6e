/** RFC 4122 version 4 from 16 random bytes (crypto where the platform has it, else Math.random). */
export function uuidV4(bytes: ArrayLike<number> = randomBytes(16)): string {
  const b = Array.from({ length: 16 }, (_, i) => (bytes[i] ?? 0) & 0xff)
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const hex = b.map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function randomBytes(n: number): number[] {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (c?.getRandomValues) return Array.from(c.getRandomValues(new Uint8Array(n)))
  return Array.from({ length: n }, () => Math.floor(Math.random() * 256))
}
