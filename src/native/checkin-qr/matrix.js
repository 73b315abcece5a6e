/**
 * The QR matrix and its drawing geometry: pure functions shared by the native `checkin-qr` component
 * (Canvas 2D on weapp) and the React `QrCode` (inline SVG on h5), and testable in node.
 *
 * CommonJS on purpose: the native component `require`s it, and it must not reach node_modules, so the
 * encoder is a verbatim copy of qrcode-generator's dist file in ./vendor (MIT, header kept; see README there).
 */
'use strict'

/*! @license Includes "QR Code Generator for JavaScript" (qrcode-generator 2.0.4), Copyright (c) 2009 Kazuhiko Arase,
 * licensed under the MIT license: http://www.opensource.org/licenses/mit-license.php
 * The word 'QR Code' is registered trademark of DENSO WAVE INCORPORATED. */
const qrcode = require('./vendor/qrcode')

/** Light modules around the symbol, as the QR standard requires (ISO/IEC 18004: 4 modules). */
const QUIET_ZONE = 4

// Byte mode carries the string as UTF-8 (the library's default keeps only the low byte of each char).
// The vendored copy is private to this module, so setting its encoder here affects nothing else.
qrcode.stringToBytes = qrcode.stringToBytesFuncs['UTF-8']

/**
 * The QR symbol of `value`: the smallest version that holds it at `level` (default 'M'), byte mode, UTF-8.
 * Throws a RangeError when the value does not fit any version (over 2331 bytes at 'M').
 * @param {string} value
 * @param {'L'|'M'|'Q'|'H'} [level]
 * @returns {{ count: number, modules: boolean[][] }} modules[row][col] is true for a dark module
 */
function qrMatrix(value, level) {
  const qr = qrcode(0, level || 'M')
  qr.addData(String(value), 'Byte')
  try {
    qr.make()
  } catch (err) {
    throw new RangeError(`二维码内容过长（${String(value).length} 个字符）：${err && err.message ? err.message : err}`)
  }
  const count = qr.getModuleCount()
  const modules = []
  for (let row = 0; row < count; row += 1) {
    const line = []
    for (let col = 0; col < count; col += 1) line.push(qr.isDark(row, col))
    modules.push(line)
  }
  return { count, modules }
}

/**
 * Where the symbol goes in a square of `pixels` device pixels: a whole number of pixels per module when
 * there is room (crisp edges), centred, with at least the quiet zone on every side.
 * @param {number} count modules per side
 * @param {number} pixels side of the drawing surface
 * @returns {{ cell: number, offset: number }}
 */
function layout(count, pixels) {
  const total = count + 2 * QUIET_ZONE
  const whole = Math.floor(pixels / total)
  const cell = whole >= 1 ? whole : pixels / total
  const offset = (pixels - cell * count) / 2
  return { cell, offset: whole >= 1 ? Math.floor(offset) : offset }
}

/**
 * Paints the matrix on a Canvas 2D context: a white square of `pixels`, then one black square per dark
 * module. `matrix` null paints the white square only (no code yet).
 * @param {{ fillStyle: unknown, fillRect(x: number, y: number, w: number, h: number): void }} ctx
 * @param {{ count: number, modules: boolean[][] } | null} matrix
 * @param {number} pixels
 */
function drawMatrix(ctx, matrix, pixels) {
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, pixels, pixels)
  if (!matrix) return
  const { cell, offset } = layout(matrix.count, pixels)
  ctx.fillStyle = '#000000'
  for (let row = 0; row < matrix.count; row += 1) {
    for (let col = 0; col < matrix.count; col += 1) {
      if (matrix.modules[row][col]) ctx.fillRect(offset + col * cell, offset + row * cell, cell, cell)
    }
  }
}

/**
 * An SVG path of the dark modules in module units (one subpath per horizontal run), for a viewBox of
 * `-QUIET_ZONE -QUIET_ZONE count+2*QUIET_ZONE count+2*QUIET_ZONE`.
 * @param {{ count: number, modules: boolean[][] }} matrix
 * @returns {string}
 */
function svgPath(matrix) {
  const parts = []
  for (let row = 0; row < matrix.count; row += 1) {
    let col = 0
    while (col < matrix.count) {
      if (!matrix.modules[row][col]) {
        col += 1
        continue
      }
      const start = col
      while (col < matrix.count && matrix.modules[row][col]) col += 1
      parts.push(`M${start} ${row}h${col - start}v1h${start - col}z`)
    }
  }
  return parts.join('')
}

module.exports = { QUIET_ZONE, qrMatrix, layout, drawMatrix, svgPath }
