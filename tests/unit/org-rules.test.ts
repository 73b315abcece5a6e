import { assertCanPlace, assertNoCycle, covers, rebase, townshipOf, type OrgDoc } from '../../cloudfunctions/_core/org/org.rules'

const o = (id: string, kind: OrgDoc['kind'], path: string[]): OrgDoc => ({ _id: id, name: id, kind, parentId: path[path.length - 1] ?? null, path, depth: path.length, createdAt: 0, updatedAt: 0 })

describe('org rules', () => {
  const county = o('c', 'county', [])
  const town = o('t', 'township', ['c'])
  const wc = o('w', 'working_committee', ['c', 't'])
  const branch = o('b', 'branch', ['c', 't', 'w'])

  it('covers an org itself and everything below, nothing beside or above', () => {
    expect(covers('t', town)).toBe(true)
    expect(covers('t', branch)).toBe(true)
    expect(covers('t', county)).toBe(false)
    expect(covers('t', o('t2', 'township', ['c']))).toBe(false)
  })

  it('places kinds only under the kinds above them', () => {
    expect(() => assertCanPlace('township', county)).not.toThrow()
    expect(() => assertCanPlace('branch', wc)).not.toThrow()
    expect(() => assertCanPlace('township', town)).toThrow(expect.objectContaining({ code: 'ORG.INVALID_PARENT' }))
    expect(() => assertCanPlace('county', county)).toThrow(expect.objectContaining({ code: 'ORG.INVALID_PARENT' }))
    expect(() => assertCanPlace('branch', branch)).toThrow(expect.objectContaining({ code: 'ORG.HAS_CHILDREN' }))
  })

  it('refuses moves that would make a cycle', () => {
    expect(() => assertNoCycle(town, town)).toThrow(expect.objectContaining({ code: 'ORG.CYCLE' }))
    expect(() => assertNoCycle(town, branch)).toThrow(expect.objectContaining({ code: 'ORG.CYCLE' }))
    expect(() => assertNoCycle(wc, o('t2', 'township', ['c']))).not.toThrow()
  })

  it('rebases a descendant’s path onto the new parent', () => {
    const newParent = o('t2', 'township', ['c'])
    expect(rebase(branch, wc, newParent)).toEqual({ path: ['c', 't2', 'w'], depth: 3 })
  })

  it('finds the township above an org', () => {
    const all = new Map([county, town, wc].map((x) => [x._id, x]))
    expect(townshipOf(branch, all)?._id).toBe('t')
    expect(townshipOf(o('x', 'branch', ['c']), all)).toBeNull()
  })
})
