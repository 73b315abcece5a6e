import fc from 'fast-check'
import {
  applyEntries,
  creditDraft,
  creditIdFor,
  EMPTY_TOTALS,
  entryOrg,
  owedOf,
  pointsFor,
  reversalDraft,
  reversalIdFor,
  shanghaiYear,
  type AccountTotals,
  type EntryDraft,
  type LedgerEntryDoc,
} from '../../cloudfunctions/_core/ledger/ledger.rules'
import { ID_PATTERN } from '../../types/contract/common'

const draft = (kind: EntryDraft['kind'], amount: number, reverses: string | null = null): EntryDraft => ({
  _id: `e-${kind}-${amount}`,
  kind,
  amount,
  title: 't',
  ref: { type: 'participation', id: 'p' },
  reverses,
  orgId: null,
  underOrgs: [],
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

/** Posted mid-2026 in Shanghai: an inflow without a lot of its own joins 2026's. */
const NOW = Date.UTC(2026, 5, 1)
const apply = (t: Partial<AccountTotals>, drafts: EntryDraft[]) => applyEntries(t, drafts, NOW)
const bes = (t: AccountTotals) => ({ balance: t.balance, earned: t.earned, spent: t.spent })

describe('applyEntries', () => {
  it('moves balance, earned and spent with each kind', () => {
    expect(bes(apply(EMPTY_TOTALS, [draft('credit', 5)]))).toEqual({ balance: 5, earned: 5, spent: 0 })
    expect(bes(apply({ balance: 5, earned: 5, spent: 0 }, [draft('debit', -3)]))).toEqual({ balance: 2, earned: 5, spent: 3 })
    expect(bes(apply({ balance: 2, earned: 5, spent: 3 }, [draft('refund', 3, 'e-debit')]))).toEqual({ balance: 5, earned: 5, spent: 0 })
    expect(bes(apply({ balance: 5, earned: 5, spent: 0 }, [draft('reversal', -5, 'e-credit')]))).toEqual({ balance: 0, earned: 0, spent: 0 })
  })

  it('refuses a debit beyond the balance with POINTS.INSUFFICIENT, also while a debt is owed', () => {
    expect(() => apply(EMPTY_TOTALS, [draft('debit', -1)])).toThrow(expect.objectContaining({ code: 'POINTS.INSUFFICIENT' }))
    expect(() => apply({ balance: 2, earned: 2, spent: 0 }, [draft('debit', -3)])).toThrow(expect.objectContaining({ code: 'POINTS.INSUFFICIENT' }))
    expect(() => apply({ balance: -3, earned: 0, spent: 3 }, [draft('credit', 2), draft('debit', -1)])).toThrow(expect.objectContaining({ code: 'POINTS.INSUFFICIENT' }))
  })

  it('always posts a reversal: what the balance cannot cover stays owed, and later credits pay it first', () => {
    // 5 earned, 3 spent, then the approval behind the 5 is reversed.
    const after = apply({ balance: 2, earned: 5, spent: 3 }, [draft('reversal', -5, 'c')])
    expect(bes(after)).toEqual({ balance: -3, earned: 0, spent: 3 })
    expect(owedOf(after)).toBe(3)
    const paid = apply(after, [draft('credit', 4)])
    expect(bes(paid)).toEqual({ balance: 1, earned: 4, spent: 3 })
    expect(owedOf(paid)).toBe(0)
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
    expect(() => apply({ balance: 100, earned: 100, spent: 0 }, [d])).toThrow(/ledger entry/)
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
        let totals: AccountTotals = EMPTY_TOTALS
        let sum = 0
        for (const d of drafts) {
          if (d.kind === 'debit' && totals.balance + d.amount < 0) {
            // Refused exactly when a debit would go below zero, and nothing moves.
            expect(() => apply(totals, [d])).toThrow(expect.objectContaining({ code: 'POINTS.INSUFFICIENT' }))
          } else {
            const before = totals.balance
            totals = apply(totals, [d])
            sum += d.amount
            // Only a reversal may take the balance below zero (or deeper below it).
            if (totals.balance < 0 && totals.balance < before) expect(d.kind).toBe('reversal')
          }
          expect(totals.balance).toBe(sum)
          expect(owedOf(totals)).toBe(Math.max(0, -sum))
          expect(totals.earned - totals.spent).toBe(totals.balance)
        }
      }),
    )
  })
})

describe('credit and reversal drafts', () => {
  const org = { _id: 'yc-rc-b1', path: ['yc', 'yc-rc'] }

  it('credits whole 益币 answering to the activity org and every org above it', () => {
    expect(creditDraft('p1', 2, 90, { title: '护河', pointsPerHour: 3 }, org)).toEqual({
      _id: creditIdFor('p1', 2),
      kind: 'credit',
      amount: 4,
      title: '参加活动「护河」',
      ref: { type: 'participation', id: 'p1' },
      reverses: null,
      orgId: 'yc-rc-b1',
      underOrgs: ['yc', 'yc-rc', 'yc-rc-b1'],
    })
    expect(creditDraft('p1', 1, 59, { title: '护河', pointsPerHour: 1 }, org)).toBeNull()
    expect(entryOrg(null)).toEqual({ orgId: null, underOrgs: [] })
  })

  it('reverses a credit in full, answering to the same org', () => {
    const credit = { ...creditDraft('p1', 1, 120, { title: '护河', pointsPerHour: 1 }, org)!, accountId: 'u', openid: 'o', at: 1 } as LedgerEntryDoc
    expect(reversalDraft('p1', 1, credit)).toEqual({
      _id: reversalIdFor('p1', 1),
      kind: 'reversal',
      amount: -2,
      title: '撤销：参加活动「护河」',
      ref: credit.ref,
      reverses: credit._id,
      orgId: 'yc-rc-b1',
      underOrgs: ['yc', 'yc-rc', 'yc-rc-b1'],
      lot: shanghaiYear(1),
    })
  })
})
