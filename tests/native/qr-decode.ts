/**
 * A small, independent QR reader for tests: takes a module matrix (true = dark) and decodes it the way a
 * scanner does after sampling — format information (both copies, BCH-checked), unmasking, the zigzag
 * codeword order, de-interleaving, a Reed–Solomon syndrome check of every block, then the byte-mode
 * payload as UTF-8. Versions 1–6 (what the app's codes use); it throws on anything it cannot read.
 * Written from ISO/IEC 18004, not from qrcode-generator, so it checks the encoder rather than echoing it.
 */
import { TextDecoder } from 'util'

export type Level = 'L' | 'M' | 'Q' | 'H'

export interface Decoded {
  text: string
  version: number
  level: Level
  mask: number
}

/** Error-correction level from its two format bits. */
const LEVEL_BITS: Record<number, Level> = { 0b01: 'L', 0b00: 'M', 0b11: 'Q', 0b10: 'H' }

/** Per version 1–6 and level: [EC codewords per block, [blocks, data codewords per block][]]. */
const BLOCKS: Record<number, Record<Level, [number, [number, number][]]>> = {
  1: { L: [7, [[1, 19]]], M: [10, [[1, 16]]], Q: [13, [[1, 13]]], H: [17, [[1, 9]]] },
  2: { L: [10, [[1, 34]]], M: [16, [[1, 28]]], Q: [22, [[1, 22]]], H: [28, [[1, 16]]] },
  3: { L: [15, [[1, 55]]], M: [26, [[1, 44]]], Q: [18, [[2, 17]]], H: [22, [[2, 13]]] },
  4: { L: [20, [[1, 80]]], M: [18, [[2, 32]]], Q: [26, [[2, 24]]], H: [16, [[4, 9]]] },
  5: { L: [26, [[1, 108]]], M: [24, [[2, 43]]], Q: [18, [[2, 15], [2, 16]]], H: [22, [[2, 11], [2, 12]]] },
  6: { L: [18, [[2, 68]]], M: [16, [[4, 27]]], Q: [24, [[4, 19]]], H: [28, [[4, 15]]] },
}

/** BCH(15,5) format word for 5 data bits, before the 0x5412 mask. */
function formatWord(data: number): number {
  let rem = data << 10
  for (let bit = 14; bit >= 10; bit -= 1) if (rem & (1 << bit)) rem ^= 0x537 << (bit - 10)
  return (data << 10) | rem
}

function readFormat(m: boolean[][]): { level: Level; mask: number } {
  const n = m.length
  const bit = (row: number, col: number) => (m[row][col] ? 1 : 0)
  let a = 0
  for (let col = 0; col <= 5; col += 1) a = (a << 1) | bit(8, col)
  a = (a << 1) | bit(8, 7)
  a = (a << 1) | bit(8, 8)
  a = (a << 1) | bit(7, 8)
  for (let row = 5; row >= 0; row -= 1) a = (a << 1) | bit(row, 8)
  let b = 0
  for (let row = n - 1; row >= n - 7; row -= 1) b = (b << 1) | bit(row, 8)
  for (let col = n - 8; col < n; col += 1) b = (b << 1) | bit(8, col)
  if (a !== b) throw new Error(`the two copies of the format information differ: ${a.toString(2)} / ${b.toString(2)}`)
  const data = (a ^ 0x5412) >> 10
  if (formatWord(data) !== (a ^ 0x5412)) throw new Error(`format information fails its BCH check: ${a.toString(2)}`)
  return { level: LEVEL_BITS[data >> 3], mask: data & 0b111 }
}

function maskBit(mask: number, row: number, col: number): boolean {
  switch (mask) {
    case 0: return (row + col) % 2 === 0
    case 1: return row % 2 === 0
    case 2: return col % 3 === 0
    case 3: return (row + col) % 3 === 0
    case 4: return (Math.floor(row / 2) + Math.floor(col / 3)) % 2 === 0
    case 5: return ((row * col) % 2) + ((row * col) % 3) === 0
    case 6: return (((row * col) % 2) + ((row * col) % 3)) % 2 === 0
    default: return (((row + col) % 2) + ((row * col) % 3)) % 2 === 0
  }
}

/** Finder patterns + separators + format areas, timing patterns, alignment patterns (versions 1–6). */
function functionModules(version: number): boolean[][] {
  const n = 17 + 4 * version
  const f = Array.from({ length: n }, () => new Array<boolean>(n).fill(false))
  const region = (row: number, col: number, h: number, w: number) => {
    for (let r = row; r < row + h; r += 1) for (let c = col; c < col + w; c += 1) f[r][c] = true
  }
  region(0, 0, 9, 9)
  region(0, n - 8, 9, 8)
  region(n - 8, 0, 8, 9)
  region(6, 0, 1, n)
  region(0, 6, n, 1)
  if (version >= 2) region(4 * version + 10 - 2, 4 * version + 10 - 2, 5, 5)
  return f
}

// GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
const EXP: number[] = []
const LOG: number[] = new Array(256).fill(0)
for (let i = 0, x = 1; i < 255; i += 1) {
  EXP[i] = x
  LOG[x] = i
  x <<= 1
  if (x & 0x100) x ^= 0x11d
}
const mul = (a: number, b: number) => (a === 0 || b === 0 ? 0 : EXP[(LOG[a] + LOG[b]) % 255])

/** True when every syndrome r(α^i), i < ec, is zero: the block is a codeword of QR's RS code. */
function rsValid(block: number[], ec: number): boolean {
  for (let i = 0; i < ec; i += 1) {
    let s = 0
    for (const c of block) s = mul(s, EXP[i]) ^ c
    if (s !== 0) return false
  }
  return true
}

export function decodeMatrix(modules: boolean[][]): Decoded {
  const n = modules.length
  const version = (n - 17) / 4
  if (!Number.isInteger(version) || version < 1 || version > 6) throw new Error(`unsupported size ${n}`)
  if (modules.some((row) => row.length !== n)) throw new Error('matrix is not square')
  const { level, mask } = readFormat(modules)
  const fn = functionModules(version)

  const codewords: number[] = []
  let current = 0
  let bits = 0
  let up = true
  for (let right = n - 1; right > 0; right -= 2) {
    if (right === 6) right -= 1
    for (let k = 0; k < n; k += 1) {
      const row = up ? n - 1 - k : k
      for (let d = 0; d < 2; d += 1) {
        const col = right - d
        if (fn[row][col]) continue
        current = (current << 1) | (modules[row][col] !== maskBit(mask, row, col) ? 1 : 0)
        bits += 1
        if (bits === 8) {
          codewords.push(current)
          current = 0
          bits = 0
        }
      }
    }
    up = !up
  }

  const [ec, groups] = BLOCKS[version][level]
  const sizes = groups.flatMap(([count, data]) => new Array<number>(count).fill(data))
  const blocks = sizes.map(() => [] as number[])
  let at = 0
  for (let i = 0; i < Math.max(...sizes); i += 1) {
    sizes.forEach((size, b) => {
      if (i < size) blocks[b].push(codewords[at++])
    })
  }
  for (let i = 0; i < ec; i += 1) blocks.forEach((block) => block.push(codewords[at++]))
  blocks.forEach((block, b) => {
    if (!rsValid(block, ec)) throw new Error(`block ${b} fails its Reed–Solomon check`)
  })
  const data = blocks.flatMap((block, b) => block.slice(0, sizes[b]))

  let pos = 0
  const read = (count: number) => {
    let v = 0
    for (let i = 0; i < count; i += 1, pos += 1) v = (v << 1) | ((data[pos >> 3] >> (7 - (pos & 7))) & 1)
    return v
  }
  const mode = read(4)
  if (mode !== 0b0100) throw new Error(`expected byte mode, found mode ${mode.toString(2)}`)
  const length = read(8)
  const bytes = Uint8Array.from({ length }, () => read(8))
  if (read(4) !== 0) throw new Error('no terminator after the payload')
  return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), version, level, mask }
}
