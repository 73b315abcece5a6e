import fc from 'fast-check'
import { decodeCursor, encodeCursor, keysetPage, pageOf, parseOffsetCursor, type Bound, type Dir, type Source } from '../../cloudfunctions/_core/runtime/paging'

/**
 * keysetPage against in-memory sources that answer a bound exactly as a (field, _id) query does:
 * pages walked to the end give every item once, in the merged order, however the items are spread
 * over sources, ranks and tied times, and whatever the page size.
 */

interface Item {
  id: string
  at: number
}

function memorySource(tag: string, items: Item[], dir: Dir, rank = 0, reads: number[] = []): Source<Item> {
  const sign = dir === 'asc' ? 1 : -1
  const ordered = () => [...items].sort((x, y) => sign * (x.at - y.at || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)))
  const beyond = (i: Item, b: Bound) => {
    if (sign * (i.at - b.value) > 0) return true
    if (i.at !== b.value) return false
    return b.id !== null ? sign * (i.id < b.id ? -1 : i.id > b.id ? 1 : 0) > 0 : b.inclusive
  }
  return {
    tag,
    rank,
    fetch: async (after, limit) => {
      const out = ordered().filter((i) => !after || beyond(i, after)).slice(0, limit)
      reads.push(out.length)
      return out
    },
    at: (i) => i.at,
    id: (i) => i.id,
  }
}

async function walk(sources: Source<Item>[], dir: Dir, limit: number): Promise<string[]> {
  const seen: string[] = []
  let cursor: string | undefined
  for (let n = 0; n < 1000; n++) {
    const page = await keysetPage(sources, dir, { cursor, limit })
    expect(page.items.length).toBeLessThanOrEqual(limit)
    seen.push(...page.items.map((i) => i.id))
    if (!page.nextCursor) return seen
    expect(page.items).toHaveLength(limit)
    cursor = page.nextCursor
  }
  throw new Error('paging did not end')
}

const itemsArb = (prefix: string) =>
  fc.uniqueArray(fc.record({ id: fc.stringMatching(/^[a-z0-9_-]{1,6}$/).map((s) => `${prefix}${s}`), at: fc.integer({ min: 1, max: 6 }) }), { selector: (i) => i.id, maxLength: 25 })

describe('keysetPage', () => {
  it('walks merged sources to the end, every item once, in (rank, time, tag + id) order', async () => {
    await fc.assert(
      fc.asyncProperty(itemsArb('x'), itemsArb('y'), itemsArb('z'), fc.constantFrom<Dir>('asc', 'desc'), fc.integer({ min: 1, max: 7 }), async (a, b, c, dir, limit) => {
        const sources = [memorySource('a', a, dir, 1), memorySource('d', b, dir, 1), memorySource('f', c, dir, 0)]
        const sign = dir === 'asc' ? 1 : -1
        const keyed = [...c.map((i) => ({ r: 0, k: `f${i.id}`, ...i })), ...a.map((i) => ({ r: 1, k: `a${i.id}`, ...i })), ...b.map((i) => ({ r: 1, k: `d${i.id}`, ...i }))]
        const expected = keyed.sort((x, y) => x.r - y.r || sign * (x.at - y.at || (x.k < y.k ? -1 : 1))).map((i) => i.id)
        expect(await walk(sources, dir, limit)).toEqual(expected)
      }),
      { numRuns: 150 },
    )
  })

  it('never repeats an item when newer ones arrive between pages, and reads at most a page and one per source', async () => {
    const items: Item[] = [5, 1, 4, 2, 3].map((n) => ({ id: `i${n}`, at: n * 1000 }))
    const reads: number[] = []
    const source = memorySource('e', items, 'desc', 0, reads)
    const p1 = await keysetPage([source], 'desc', { limit: 2 })
    expect(p1.items.map((i) => i.id)).toEqual(['i5', 'i4'])
    items.push({ id: 'i9', at: 9000 })
    const p2 = await keysetPage([source], 'desc', { limit: 10, cursor: p1.nextCursor! })
    expect(p2).toEqual({ items: [3, 2, 1].map((n) => ({ id: `i${n}`, at: n * 1000 })), nextCursor: null })
    expect(Math.max(...reads)).toBeLessThanOrEqual(3)
  })

  it('skips a source whose rank the cursor has passed, without reading it', async () => {
    const reads: number[] = []
    const first = memorySource('a', [{ id: 'x1', at: 1 }], 'asc', 0, reads)
    const second = memorySource('b', [1, 2, 3].map((n) => ({ id: `y${n}`, at: n })), 'asc', 1)
    const p1 = await keysetPage([first, second], 'asc', { limit: 2 })
    expect(p1.items.map((i) => i.id)).toEqual(['x1', 'y1'])
    reads.length = 0
    expect((await keysetPage([first, second], 'asc', { limit: 5, cursor: p1.nextCursor! })).items.map((i) => i.id)).toEqual(['y2', 'y3'])
    expect(reads).toEqual([])
  })
})

describe('cursors', () => {
  it('round-trips a position, cursor-safe, and refuses anything else as GENERIC.BAD_INPUT', () => {
    const pos = { rank: 1, at: 1_790_000_000_000, key: 'apt_a-B_9' }
    expect(encodeCursor(pos)).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeCursor(encodeCursor(pos))).toEqual(pos)
    for (const bad of ['', 'x', '1_ab', 'zz_ab', '1zzzzzzzzzzzz_ab', '1abc_a.b', '1abc_a']) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ code: 'GENERIC.BAD_INPUT' }))
    }
  })

  it('pages an in-memory list by offset', () => {
    expect(parseOffsetCursor(undefined)).toBe(0)
    expect(parseOffsetCursor('20')).toBe(20)
    expect(() => parseOffsetCursor('abc')).toThrow(expect.objectContaining({ code: 'GENERIC.BAD_INPUT' }))
    expect(pageOf([1, 2, 3, 4, 5], 0, 2)).toEqual({ items: [1, 2], nextCursor: '2' })
    expect(pageOf([1, 2, 3, 4, 5], 4, 2)).toEqual({ items: [5], nextCursor: null })
  })
})
