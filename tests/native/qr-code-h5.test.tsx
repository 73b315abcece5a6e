/**
 * The React QrCode (src/components/qr-code): the inline SVG it renders on h5 decodes back to its value and
 * follows value changes; on weapp it hands value and size to the native <checkin-qr>.
 * process.env.TARO_ENV is read at run time under jest, so each test picks the platform.
 */
import { render } from '@testing-library/react'
import { QrCode } from '../../src/components/qr-code'
import { decodeMatrix } from './qr-decode'

const TOKEN = 'ck1.Q2hlY2tJbi1BY3Rpdml0eS0wMDEx'
const NEXT = 'ck1.Zm9vYmFyLUFjdGl2aXR5LTAwMiEh'
const before = process.env.TARO_ENV

afterEach(() => {
  process.env.TARO_ENV = before
})

/** Reads the SVG back into modules from its path (one `M col row h run v1 h-run z` per dark run). */
function modulesOf(svg: SVGSVGElement): boolean[][] {
  const count = Number(svg.getAttribute('data-modules'))
  const modules = Array.from({ length: count }, () => new Array<boolean>(count).fill(false))
  const d = svg.querySelector('path')?.getAttribute('d') ?? ''
  for (const [, col, row, run] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let c = Number(col); c < Number(col) + Number(run); c += 1) modules[Number(row)][c] = true
  }
  return modules
}

describe('h5', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'h5'
  })

  test('renders a crisp inline SVG of `size` px with a 4-module quiet zone that decodes to the value', () => {
    const { container } = render(<QrCode value={TOKEN} id='code' className='big' />)
    const svg = container.querySelector('svg')!
    expect(svg.id).toBe('code')
    expect(svg.getAttribute('class')).toBe('qr-code big')
    expect(svg.getAttribute('width')).toBe('240')
    expect(svg.getAttribute('shape-rendering')).toBe('crispEdges')
    // 29 modules (version 3) + 4 light modules on each side.
    expect(svg.getAttribute('viewBox')).toBe('-4 -4 37 37')
    expect(svg.querySelector('rect')?.getAttribute('fill')).toBe('#ffffff')
    expect(decodeMatrix(modulesOf(svg)).text).toBe(TOKEN)
  })

  test('redraws when the value rotates, and honours size', () => {
    const { container, rerender } = render(<QrCode value={TOKEN} size={180} />)
    const first = container.querySelector('path')!.getAttribute('d')
    rerender(<QrCode value={NEXT} size={180} />)
    const svg = container.querySelector('svg')!
    expect(svg.getAttribute('width')).toBe('180')
    expect(svg.querySelector('path')!.getAttribute('d')).not.toBe(first)
    expect(decodeMatrix(modulesOf(svg)).text).toBe(NEXT)
  })

  test('an empty value shows a blank square', () => {
    const { container } = render(<QrCode value='' />)
    expect(container.querySelector('svg rect')).toBeTruthy()
    expect(container.querySelector('svg path')).toBeNull()
  })
})

describe('weapp', () => {
  test('renders the native checkin-qr with value and size inside a box carrying id and className', () => {
    process.env.TARO_ENV = 'weapp'
    const { container, rerender } = render(<QrCode value={TOKEN} size={200} id='code' className='big' />)
    const box = container.querySelector('#code')!
    expect(box.className).toBe('qr-code big')
    expect(container.querySelector('svg')).toBeNull()
    const native = box.querySelector('checkin-qr')!
    expect(native.getAttribute('value')).toBe(TOKEN)
    expect(native.getAttribute('size')).toBe('200')
    rerender(<QrCode value={NEXT} size={200} id='code' />)
    expect(container.querySelector('checkin-qr')!.getAttribute('value')).toBe(NEXT)
  })
})
