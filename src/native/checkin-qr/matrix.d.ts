/** Types of ./matrix.js (CommonJS, shared by the native component and the React QrCode). */

export interface QrMatrix {
  /** Modules per side (21 for version 1, +4 per version). */
  count: number
  /** modules[row][col] is true for a dark module. */
  modules: boolean[][]
}

export interface FillContext {
  fillStyle: unknown
  fillRect(x: number, y: number, w: number, h: number): void
}

export const QUIET_ZONE: number
export function qrMatrix(value: string, level?: 'L' | 'M' | 'Q' | 'H'): QrMatrix
export function layout(count: number, pixels: number): { cell: number; offset: number }
export function drawMatrix(ctx: FillContext, matrix: QrMatrix | null, pixels: number): void
export function svgPath(matrix: QrMatrix): string
