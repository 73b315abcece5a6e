/**
 * The native check-in QR component (src/native/checkin-qr) under miniprogram-simulate, and its pure matrix
 * module. The simulator has no Canvas 2D, so the component's selector query is answered by a fake canvas
 * node whose context records every fillRect.
 */
import fs from 'fs'
import path from 'path'
import { decodeMatrix } from './qr-decode'

// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate')
// eslint-disable-next-line @typescript-eslint/no-require-imports
const matrixModule = require('../../src/native/checkin-qr/matrix') as typeof import('../../src/native/checkin-qr/matrix')
const { qrMatrix, layout, drawMatrix, svgPath, QUIET_ZONE } = matrixModule
type QrMatrix = import('../../src/native/checkin-qr/matrix').QrMatrix

const COMPONENT = path.resolve(__dirname, '../../src/native/checkin-qr/index')
/** The shape of a rotating check-in token: 32 characters. */
const TOKEN = 'ck1.Q2hlY2tJbi1BY3Rpdml0eS0wMDEx'
const TOKEN_2 = 'ck1.Zm9vYmFyLUFjdGl2aXR5LTAwMiEh'
/** miniprogram-simulate's wx.getWindowInfo() answers pixelRatio 3. */
const PIXEL_RATIO = 3

interface Fill {
  style: unknown
  x: number
  y: number
  w: number
  h: number
}

/** A Canvas 2D node as wx's selector query returns it, recording what is painted. */
function fakeCanvas() {
  const fills: Fill[] = []
  const ctx = {
    fillStyle: '' as unknown,
    fillRect(x: number, y: number, w: number, h: number) {
      fills.push({ style: ctx.fillStyle, x, y, w, h })
    },
  }
  const canvas = {
    width: 300,
    height: 150,
    fills,
    contexts: 0,
    getContext(kind: string) {
      if (kind !== '2d') throw new Error(`unexpected context ${kind}`)
      canvas.contexts += 1
      return ctx
    },
  }
  return canvas
}
type FakeCanvas = ReturnType<typeof fakeCanvas>

/** Replaces the instance's createSelectorQuery: `#c` resolves (asynchronously, as in WeChat) to `canvas`. */
function stubQuery(instance: Record<string, unknown>, canvas: FakeCanvas, cssSize: () => number) {
  const requests: { selector: string; fields: Record<string, boolean> }[] = []
  instance.createSelectorQuery = () => {
    const entry = { selector: '', fields: {} as Record<string, boolean> }
    const query = {
      select(selector: string) {
        entry.selector = selector
        return {
          fields(fields: Record<string, boolean>) {
            entry.fields = fields
            requests.push(entry)
            return query
          },
        }
      },
      exec(cb: (res: unknown[]) => void) {
        Promise.resolve().then(() =>
          cb([entry.selector === '#c' ? { node: canvas, width: cssSize(), height: cssSize() } : null]),
        )
        return query
      },
    }
    return query
  }
  return requests
}

/** The black squares a correct painting of `matrix` on `pixels` device pixels consists of. */
function expectedDark(matrix: QrMatrix, pixels: number): string[] {
  const { cell, offset } = layout(matrix.count, pixels)
  const out: string[] = []
  matrix.modules.forEach((line, row) =>
    line.forEach((dark, col) => {
      if (dark) out.push(`${offset + col * cell},${offset + row * cell},${cell},${cell}`)
    }),
  )
  return out
}

const darkFills = (fills: Fill[]) => fills.filter((f) => f.style === '#000000').map((f) => `${f.x},${f.y},${f.w},${f.h}`)

/** Reads the painting back into modules by sampling the centre of every cell. */
function sampleFills(fills: Fill[], count: number, pixels: number): boolean[][] {
  const { cell, offset } = layout(count, pixels)
  const dark = new Set(darkFills(fills))
  return Array.from({ length: count }, (_, row) =>
    Array.from({ length: count }, (_, col) => dark.has(`${offset + col * cell},${offset + row * cell},${cell},${cell}`)),
  )
}

/** Renders the component with `props`, stubs its canvas, attaches it (→ ready → first paint). */
async function mount(props: Record<string, unknown>) {
  const id = simulate.load(COMPONENT)
  const comp = simulate.render(id, props)
  const canvas = fakeCanvas()
  const requests = stubQuery(comp.instance, canvas, () => comp.data.size)
  comp.attach(document.createElement('parent-wrapper'))
  await settle()
  return { comp, canvas, requests }
}

const settle = () => simulate.sleep(0)

beforeEach(() => {
  // Loading the same component twice in one file answers undefined (a limit of miniprogram-simulate 1.6.2).
  jest.resetModules()
})

describe('matrix.js (pure, shared with the h5 QrCode)', () => {
  test('a 32-character code at level M is a version-3 symbol (29×29) in byte mode', () => {
    const m = qrMatrix(TOKEN, 'M')
    expect(TOKEN).toHaveLength(32)
    // Byte mode: version 2-M holds 26 bytes, version 3-M 42 — so 32 bytes need version 3.
    expect(m.count).toBe(29)
    expect(m.modules).toHaveLength(29)
    m.modules.forEach((line) => expect(line).toHaveLength(29))
  })

  test('the three finder patterns sit in the corners with their light separators, and none in the fourth', () => {
    const { count, modules } = qrMatrix(TOKEN, 'M')
    // 7×7: dark ring, light ring, dark 3×3 core.
    const finderAt = (top: number, left: number) => {
      for (let r = 0; r < 7; r += 1) {
        for (let c = 0; c < 7; c += 1) {
          const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3))
          expect([top + r, left + c, modules[top + r][left + c]]).toEqual([top + r, left + c, ring !== 2])
        }
      }
    }
    finderAt(0, 0)
    finderAt(0, count - 7)
    finderAt(count - 7, 0)
    const isLight = (r: number, c: number) => expect([r, c, modules[r][c]]).toEqual([r, c, false])
    for (let i = 0; i < 8; i += 1) {
      isLight(7, i) // top-left separator
      isLight(i, 7)
      isLight(7, count - 1 - i) // top-right
      isLight(i, count - 8)
      isLight(count - 8, i) // bottom-left
      isLight(count - 1 - i, 7)
    }
    // Timing patterns alternate between the finders.
    for (let i = 8; i < count - 8; i += 1) {
      expect(modules[6][i]).toBe(i % 2 === 0)
      expect(modules[i][6]).toBe(i % 2 === 0)
    }
    // The dark module beside the bottom-left finder.
    expect(modules[count - 8][8]).toBe(true)
    // The bottom-right corner holds data, not a fourth finder.
    const corner = modules.slice(count - 7).map((line) => line.slice(count - 7))
    const finder = modules.slice(0, 7).map((line) => line.slice(0, 7))
    expect(corner).not.toEqual(finder)
  })

  test.each([
    ['a check-in token', TOKEN],
    ['another token', TOKEN_2],
    ['a short code', 'A1'],
    ['Chinese text (UTF-8)', '团青通签到 · 阳城县联络站'],
    ['a URL', 'https://example.org/checkin?activity=act_0001&t=1700000000'],
  ])('%s decodes back to itself at level M (format, Reed–Solomon and payload checked)', (_name, value) => {
    const decoded = decodeMatrix(qrMatrix(value, 'M').modules)
    expect(decoded.level).toBe('M')
    expect(decoded.text).toBe(value)
  })

  test('the reader is not a rubber stamp: one flipped data module fails the Reed–Solomon check', () => {
    const { modules } = qrMatrix(TOKEN, 'M')
    const flipped = modules.map((line) => [...line])
    flipped[12][12] = !flipped[12][12] // a data module (not a finder, timing or alignment pattern)
    expect(() => decodeMatrix(flipped)).toThrow(/Reed–Solomon/)
  })

  test('the level defaults to M and other levels are honoured', () => {
    expect(decodeMatrix(qrMatrix(TOKEN).modules).level).toBe('M')
    expect(decodeMatrix(qrMatrix(TOKEN, 'H').modules).level).toBe('H')
  })

  test('a value too long for any version throws a RangeError', () => {
    expect(() => qrMatrix('x'.repeat(2400), 'M')).toThrow(RangeError)
  })

  test('layout keeps whole pixels per module, centred, with at least the quiet zone', () => {
    for (const [count, pixels] of [[29, 720], [25, 480], [21, 21 * 3], [29, 100]]) {
      const { cell, offset } = layout(count, pixels)
      expect(Number.isInteger(cell)).toBe(true)
      expect(offset).toBeGreaterThanOrEqual(QUIET_ZONE * cell)
      expect(pixels - offset - count * cell).toBeGreaterThanOrEqual(QUIET_ZONE * cell)
      expect(Math.abs(pixels - count * cell - 2 * offset)).toBeLessThanOrEqual(1)
    }
    // Too small for one pixel per module: fractional cells, still inside the square.
    const tiny = layout(29, 30)
    expect(tiny.offset + 29 * tiny.cell).toBeLessThanOrEqual(30)
  })

  test('drawMatrix paints white, then exactly one black square per dark module', () => {
    const m = qrMatrix(TOKEN, 'M')
    const canvas = fakeCanvas()
    drawMatrix(canvas.getContext('2d'), m, 720)
    expect(canvas.fills[0]).toEqual({ style: '#ffffff', x: 0, y: 0, w: 720, h: 720 })
    expect(darkFills(canvas.fills)).toEqual(expectedDark(m, 720))
    expect(decodeMatrix(sampleFills(canvas.fills, m.count, 720)).text).toBe(TOKEN)
  })

  test('svgPath covers exactly the dark modules', () => {
    const m = qrMatrix(TOKEN, 'M')
    const covered = m.modules.map((line) => line.map(() => false))
    for (const [, col, row, run] of svgPath(m).matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
      for (let c = Number(col); c < Number(col) + Number(run); c += 1) covered[Number(row)][c] = true
    }
    expect(covered).toEqual(m.modules)
  })

  test('vendor/qrcode.js is qrcode-generator’s dist file unchanged (MIT header kept)', () => {
    const vendored = fs.readFileSync(path.resolve(__dirname, '../../src/native/checkin-qr/vendor/qrcode.js'), 'utf8')
    const installed = fs.readFileSync(require.resolve('qrcode-generator') /* its CommonJS main, dist/qrcode.js */, 'utf8')
    expect(vendored).toContain('Licensed under the MIT license')
    // After upgrading qrcode-generator, copy its dist/qrcode.js over the vendored one.
    expect(vendored === installed).toBe(true)
  })
})

describe('<checkin-qr> native component', () => {
  test('renders a 2d canvas of `size` px, 240 by default', () => {
    const id = simulate.load(COMPONENT)
    const comp = simulate.render(id, { value: TOKEN })
    comp.attach(document.createElement('parent-wrapper'))
    const canvas = comp.querySelector('#c')
    expect(canvas).toBeTruthy()
    expect(canvas.dom.tagName.toLowerCase()).toBe('wx-canvas')
    expect(canvas.dom.getAttribute('style')).toMatch(/width: 240px; height: 240px/)
    expect(comp.data).toEqual({ value: TOKEN, size: 240 })

    const wxml = fs.readFileSync(`${COMPONENT}.wxml`, 'utf8')
    expect(wxml).toMatch(/<canvas type="2d" id="c"/)
  })

  test('when ready, queries #c for its node and size and paints the matrix at the pixel ratio', async () => {
    const { canvas, requests } = await mount({ value: TOKEN, size: 240 })
    expect(requests).toEqual([{ selector: '#c', fields: { node: true, size: true } }])
    const pixels = 240 * PIXEL_RATIO
    expect([canvas.width, canvas.height]).toEqual([pixels, pixels])
    expect(canvas.fills[0]).toEqual({ style: '#ffffff', x: 0, y: 0, w: pixels, h: pixels })
    const m = qrMatrix(TOKEN, 'M')
    expect(darkFills(canvas.fills)).toEqual(expectedDark(m, pixels))
    expect(decodeMatrix(sampleFills(canvas.fills, m.count, pixels)).text).toBe(TOKEN)
  })

  test('a new value (the code rotates) triggers the observer and a repaint of the new matrix', async () => {
    const { comp, canvas, requests } = await mount({ value: TOKEN, size: 240 })
    const redraw = jest.spyOn(comp.instance, 'redraw')
    canvas.fills.length = 0

    comp.setData({ value: TOKEN_2 })
    await settle()

    expect(redraw).toHaveBeenCalledTimes(1)
    expect(requests).toHaveLength(2)
    const pixels = 240 * PIXEL_RATIO
    const next = qrMatrix(TOKEN_2, 'M')
    expect(darkFills(canvas.fills)).toEqual(expectedDark(next, pixels))
    expect(darkFills(canvas.fills)).not.toEqual(expectedDark(qrMatrix(TOKEN, 'M'), pixels))
    expect(decodeMatrix(sampleFills(canvas.fills, next.count, pixels)).text).toBe(TOKEN_2)
  })

  test('a new size resizes the backing store and repaints', async () => {
    const { comp, canvas } = await mount({ value: TOKEN, size: 240 })
    canvas.fills.length = 0
    comp.setData({ size: 160 })
    await settle()
    const pixels = 160 * PIXEL_RATIO
    expect([canvas.width, canvas.height]).toEqual([pixels, pixels])
    expect(darkFills(canvas.fills)).toEqual(expectedDark(qrMatrix(TOKEN, 'M'), pixels))
  })

  test('two changes before the canvas answers paint only the latest value', async () => {
    const { comp, canvas } = await mount({ value: TOKEN })
    canvas.fills.length = 0
    const contexts = canvas.contexts
    comp.setData({ value: 'first' })
    comp.setData({ value: TOKEN_2 })
    await settle()
    expect(canvas.contexts - contexts).toBe(1)
    expect(darkFills(canvas.fills)).toEqual(expectedDark(qrMatrix(TOKEN_2, 'M'), 240 * PIXEL_RATIO))
  })

  test('an empty value paints a blank white square', async () => {
    const { canvas } = await mount({ value: '' })
    expect(canvas.fills).toEqual([{ style: '#ffffff', x: 0, y: 0, w: 720, h: 720 }])
  })

  test('a value too long paints blank and reports an error event', async () => {
    const id = simulate.load(COMPONENT)
    const comp = simulate.render(id, { value: 'x'.repeat(2400) })
    const canvas = fakeCanvas()
    stubQuery(comp.instance, canvas, () => comp.data.size)
    const errors: unknown[] = []
    comp.addEventListener('error', (evt: { detail: unknown }) => errors.push(evt.detail))
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    comp.attach(document.createElement('parent-wrapper'))
    await settle()
    expect(canvas.fills).toEqual([{ style: '#ffffff', x: 0, y: 0, w: 720, h: 720 }])
    expect(errors).toEqual([{ message: expect.stringContaining('二维码内容过长') }])
    consoleError.mockRestore()
  })

  test('nothing is painted before ready or after detach', async () => {
    const id = simulate.load(COMPONENT)
    const comp = simulate.render(id, { value: TOKEN })
    const canvas = fakeCanvas()
    const requests = stubQuery(comp.instance, canvas, () => comp.data.size)
    comp.setData({ value: TOKEN_2 }) // observer fires before ready: no query yet
    await settle()
    expect(requests).toHaveLength(0)

    comp.attach(document.createElement('parent-wrapper'))
    comp.detach() // detached while the query is in flight
    await settle()
    expect(canvas.fills).toHaveLength(0)
    comp.setData({ value: TOKEN })
    await settle()
    expect(canvas.fills).toHaveLength(0)
  })

  test('with the simulator’s own selector query (no canvas node) it does not throw', async () => {
    const id = simulate.load(COMPONENT)
    const comp = simulate.render(id, { value: TOKEN })
    comp.attach(document.createElement('parent-wrapper'))
    comp.setData({ value: TOKEN_2 })
    await simulate.sleep(10)
    expect(comp.data.value).toBe(TOKEN_2)
  })
})
