import fc from 'fast-check'
import {
  applyEntries,
  creditIdFor,
  EMPTY_TOTALS,
  pointsFor,
  reversalIdFor,
  type EntryDraft,
} from '../../cloudfunctions/_core/ledger/ledger.rules'
import { ID_PATTERN } from '../../types/contract/common'
import { newestFirstKey, pageSorted } from '../../cloudfunctions/_core/runtime/paging'

const draft = (kind: EntryDraft['kind'], amount: number, reverses: string | null = null): EntryDraft => ({
  _id: `e-${kind}-${amount}`,
  kind,
  amount,
  title: 't',
  ref: { type: 'participation', id: 'p' },
  reverses,
})

describe('pointsFor', () => {
  it.each([
    [60, 1, 1],
    [59, 1, 0],
    [119, 1, 1],
    [90, 3, 4],
    [30, 10, 5],
    [600, 0, 0],
    [0, 5, 0],
  ])('%i minutes at %i 益币/h → %i (whole 益币, rounded down)', (minutes, rate, expected) => {
    expect(pointsFor(minutes, rate)).toBe(expected)
  })
})

describe('entry ids', () => {
  it('gives each approval of a participation its own credit and reversal id, valid as contract ids', () => {
    const pid = 'pt_AbC-dEf_0123456789abcdef'
    expect(creditIdFor(pid, 1)).toBe(`le_cr_${pid}_1`)
    expect(reversalIdFor(pid, 1)).toBe(`le_rv_${pid}_1`)
    expect(creditIdFor(pid, 2)).not.toBe(creditIdFor(pid, 1))
    expect(creditIdFor(pid, 999)).toMatch(ID_PATTERN)
  })
})

describe('applyEntries', () => {
  it('moves balance, earned and spent with each kind', () => {
    expect(applyEntries(EMPTY_TOTALS, [draft('credit', 5)])).toEqual({ balance: 5, earned: 5, spent: 0 })
    expect(applyEntries({ balance: 5, earned: 5, spent: 0 }, [draft('debit', -3)])).toEqual({ balance: 2, earned: 5, spent: 3 })
    expect(applyEntries({ balance: 2, earned: 5, spent: 3 }, [draft('refund', 3, 'e-debit')])).toEqual({ balance: 5, earned: 5, spent: 0 })
    expect(applyEntries({ balance: 5, earned: 5, spent: 0 }, [draft('reversal', -5, 'e-credit')])).toEqual({ balance: 0, earned: 0, spent: 0 })
  })

  it('refuses a balance below zero with POINTS.INSUFFICIENT', () => {
    expect(() => applyEntries({ balance: 2, earned: 5, spent: 3 }, [draft('reversal', -5, 'c')])).toThrow(expect.objectContaining({ code: 'POINTS.INSUFFICIENT' }))
    expect(() => applyEntries(EMPTY_TOTALS, [draft('debit', -1)])).toThrow(expect.objectContaining({ code: 'POINTS.INSUFFICIENT' }))
  })

  it.each([
    ['a zero amount', draft('credit', 0)],
    ['a fractional amount', draft('credit', 1.5)],
    ['a negative credit', draft('credit', -1)],
    ['a positive debit', draft('debit', 1)],
    ['a positive reversal', draft('reversal', 1, 'c')],
    ['a reversal naming nothing', draft('reversal', -1)],
    ['a credit naming something', draft('credit', 1, 'c')],
    ['an unsafe integer', draft('credit', 2 ** 53)],
    ['NaN', draft('credit', NaN)],
  ])('refuses %s as a programming error', (_l, d) => {
    expect(() => applyEntries({ balance: 100, earned: 100, spent: 0 }, [d])).toThrow(/ledger entry/)
  })

  it('keeps balance = earned − spent = the sum of the entries', () => {
    const kinds = fc.oneof(
      fc.integer({ min: 1, max: 50 }).map((n) => draft('credit', n)),
      fc.integer({ min: 1, max: 50 }).map((n) => draft('debit', -n)),
      fc.integer({ min: 1, max: 50 }).map((n) => draft('refund', n, 'x')),
      fc.integer({ min: 1, max: 50 }).map((n) => draft('reversal', -n, 'x')),
    )
    fc.assert(
      fc.property(fc.array(kinds, { maxLength: 30 }), (drafts) => {
        let totals = EMPTY_TOTALS
        let sum = 0
        for (const d of drafts) {
          if (totals.balance + d.amount < 0) {
            // Refused exactly when the balance would go below zero, and nothing moves.
            expect(() => applyEntries(totals, [d])).toThrow(expect.objectContaining({ code: 'POINTS.INSUFFICIENT' }))
          } else {
            totals = applyEntries(totals, [d])
            sum += d.amount
          }
          expect(totals.balance).toBe(sum)
          expect(totals.balance).toBeGreaterThanOrEqual(0)
          expect(totals.earned - totals.spent).toBe(totals.balance)
        }
      }),
    )
  })
})

describe('pageSorted', () => {
  const items = [5, 1, 4, 2, 3].map((n) => ({ id: `i${n}`, at: n * 1000 }))
  const key = (i: { id: string; at: number }) => newestFirstKey(i.at, i.id)

  it('sorts by key and pages without repeats or gaps', () => {
    const p1 = pageSorted(items, key, { limit: 2 })
    expect(p1.items.map((i) => i.id)).toEqual(['i5', 'i4'])
    const p2 = pageSorted(items, key, { limit: 2, cursor: p1.nextCursor! })
    expect(p2.items.map((i) => i.id)).toEqual(['i3', 'i2'])
    const p3 = pageSorted(items, key, { limit: 2, cursor: p2.nextCursor! })
    expect(p3).toEqual({ items: [{ id: 'i1', at: 1000 }], nextCursor: null })
  })

  it('does not repeat an item when newer ones arrive between pages', () => {
    const p1 = pageSorted(items, key, { limit: 2 })
    const grown = [...items, { id: 'i9', at: 9000 }]
    expect(pageSorted(grown, key, { limit: 10, cursor: p1.nextCursor! }).items.map((i) => i.id)).toEqual(['i3', 'i2', 'i1'])
  })

  it('breaks ties in time by id, with cursor-safe keys', () => {
    const tied = [{ id: 'b', at: 1 }, { id: 'a', at: 1 }]
    const p1 = pageSorted(tied, key, { limit: 1 })
    expect(p1.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/)
    expect([...p1.items, ...pageSorted(tied, key, { limit: 1, cursor: p1.nextCursor! }).items].map((i) => i.id)).toEqual(['a', 'b'])
  })
})
