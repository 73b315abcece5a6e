import { assertChildrenFit, assertHomeStation, assertPlacement, monthsOf, stationFiguresOf, treeOrder } from '../../cloudfunctions/_core/station/station.rules'
import { AppError } from '../../cloudfunctions/_core/runtime/app-error'

const code = (f: () => void) => {
  try {
    f()
  } catch (e) {
    return (e as AppError).code
  }
  return undefined
}

const st = (id: string, level: 'main' | 'area' | 'station', path: string[], county = 'yuci') => ({ _id: id, kind: 'station' as const, level, orgId: county, underOrgs: [county], path })

describe('station placement', () => {
  it('lets a main station stand alone and nothing else', () => {
    expect(code(() => assertPlacement('main', null, 'yuci'))).toBeUndefined()
    expect(code(() => assertPlacement('area', null, 'yuci'))).toBe('STATION.BAD_PARENT')
    expect(code(() => assertPlacement('station', null, 'yuci'))).toBe('STATION.BAD_PARENT')
  })
  it('puts an area under a main, a station under either, and nothing under a themed station', () => {
    expect(code(() => assertPlacement('area', st('m', 'main', []), 'yuci'))).toBeUndefined()
    expect(code(() => assertPlacement('station', st('a', 'area', ['m']), 'yuci'))).toBeUndefined()
    expect(code(() => assertPlacement('station', st('m', 'main', []), 'yuci'))).toBeUndefined()
    expect(code(() => assertPlacement('area', st('a', 'area', ['m']), 'yuci'))).toBe('STATION.BAD_PARENT')
    expect(code(() => assertPlacement('station', st('s', 'station', ['m']), 'yuci'))).toBe('STATION.BAD_PARENT')
    expect(code(() => assertPlacement('main', st('m', 'main', []), 'yuci'))).toBe('STATION.BAD_PARENT')
  })
  it('refuses a parent that is a youth home or in another county', () => {
    expect(code(() => assertPlacement('station', { ...st('h', 'main', []), kind: 'youth_home' }, 'yuci'))).toBe('STATION.BAD_PARENT')
    expect(code(() => assertPlacement('station', st('m', 'main', [], 'yc'), 'yuci'))).toBe('STATION.BAD_PARENT')
  })
  it('refuses a move under itself or its own branch as a cycle', () => {
    expect(code(() => assertPlacement('station', st('m', 'main', []), 'yuci', { _id: 'm' }))).toBe('STATION.CYCLE')
    expect(code(() => assertPlacement('station', st('a', 'area', ['m']), 'yuci', { _id: 'm' }))).toBe('STATION.CYCLE')
    expect(code(() => assertPlacement('station', st('a2', 'area', ['m']), 'yuci', { _id: 'a1' }))).toBeUndefined()
  })
  it('keeps the stations below fitting a changed level', () => {
    expect(code(() => assertChildrenFit('area', ['station']))).toBeUndefined()
    expect(code(() => assertChildrenFit('station', ['station']))).toBe('STATION.BAD_PARENT')
    expect(code(() => assertChildrenFit('area', ['area']))).toBe('STATION.BAD_PARENT')
    expect(code(() => assertChildrenFit('station', []))).toBeUndefined()
  })
  it('lets a youth home share a room only with a station of its county', () => {
    expect(code(() => assertHomeStation({ kind: 'station', orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'] }, 'yc'))).toBeUndefined()
    expect(code(() => assertHomeStation({ kind: 'youth_home', orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'] }, 'yc'))).toBe('STATION.NOT_STATION')
    expect(code(() => assertHomeStation({ kind: 'pickup', orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'] }, 'yc'))).toBe('STATION.NOT_STATION')
    expect(code(() => assertHomeStation({ kind: 'station', orgId: 'yuci', underOrgs: ['yuci'] }, 'yc'))).toBe('VENUE.NOT_IN_ORG')
  })
})

describe('tree order', () => {
  it('lists each station before the stations below it, siblings by name, orphans at the top', () => {
    const order = treeOrder([
      { _id: 's2', name: 'B站', parentId: 'a1' },
      { _id: 'a1', name: 'A分站', parentId: 'm' },
      { _id: 's1', name: 'A站', parentId: 'a1' },
      { _id: 'm', name: 'Z总站', parentId: null },
      { _id: 'x', name: 'C站', parentId: 'elsewhere' },
    ])
    expect(order.map((s) => s._id)).toEqual(['x', 'm', 'a1', 's1', 's2'])
  })
})

describe('figures', () => {
  it('has twelve Shanghai months covering the year without gaps', () => {
    const m = monthsOf(2026)
    expect(m.map((x) => x.month)).toEqual(Array.from({ length: 12 }, (_v, i) => `2026-${String(i + 1).padStart(2, '0')}`))
    expect(m[0].from).toBe(Date.parse('2026-01-01T00:00:00+08:00'))
    expect(m[11].to).toBe(Date.parse('2027-01-01T00:00:00+08:00'))
    for (let i = 1; i < 12; i++) expect(m[i].from).toBe(m[i - 1].to)
  })
  it('counts check-ins in the activity month, youth distinct per month and over the year', () => {
    const jan = Date.parse('2026-01-31T23:30:00+08:00')
    const feb = Date.parse('2026-02-01T00:10:00+08:00')
    const f = stationFiguresOf(2026, {
      activities: [{ _id: 'a', startAt: jan }, { _id: 'b', startAt: feb }],
      checkIns: [{ activityId: 'a', userId: 'u1' }, { activityId: 'a', userId: 'u2' }, { activityId: 'b', userId: 'u1' }, { activityId: 'zz', userId: 'u9' }],
      visits: [{ startedAt: feb }, { startedAt: Date.parse('2025-12-31T23:00:00+08:00') }],
    })
    expect(f.months[0]).toEqual({ month: '2026-01', activities: 1, attendances: 2, youth: 2, visits: 0 })
    expect(f.months[1]).toEqual({ month: '2026-02', activities: 1, attendances: 1, youth: 1, visits: 1 })
    expect(f.year).toEqual({ month: '2026', activities: 2, attendances: 3, youth: 2, visits: 1 })
  })
})
