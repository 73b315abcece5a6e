import fc from 'fast-check'
import { assertNoCycle, chainOf, childPlacement, covers, rebase, ROOT_PLACEMENT, rootOf, type TreeNode } from '../../cloudfunctions/_core/tree/tree.rules'

/**
 * The tree every tower uses (cloudfunctions/_core/tree/tree.rules.ts): orgs now, groups and venues
 * next. Checked against the plain parent links: after any sequence of allowed moves, each node's path
 * is exactly the chain of parents above it, and a move under oneself or one's own descendant is refused.
 */

/** Builds a random forest: node i hangs under a node before it, or is a root. */
const forest = fc.array(fc.option(fc.nat(), { nil: null }), { minLength: 1, maxLength: 30 }).map((parents) => {
  const nodes: TreeNode[] = []
  parents.forEach((p, i) => {
    const parent = i === 0 || p === null ? null : nodes[p % i]
    nodes.push({ _id: `n${i}`, ...(parent ? childPlacement(parent) : ROOT_PLACEMENT) })
  })
  return nodes
})

/** The ancestors by parent links alone, from the root down. */
function ancestors(byId: Map<string, TreeNode>, id: string): string[] {
  const out: string[] = []
  for (let p = byId.get(id)!.parentId; p !== null; p = byId.get(p)!.parentId) out.unshift(p)
  return out
}

/** What the repo's move does, on plain nodes: the node takes the new parent, its subtree is rebased. */
function move(nodes: TreeNode[], node: TreeNode, newParent: TreeNode): TreeNode[] {
  return nodes.map((n) => {
    if (n._id === node._id) return { ...n, ...childPlacement(newParent) }
    return n.path.includes(node._id) ? { ...n, ...rebase(n, node, newParent) } : n
  })
}

it('keeps every path equal to the chain of parents through any sequence of moves, and refuses cycles', () => {
  fc.assert(
    fc.property(forest, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }), (start, moves) => {
      let nodes = start
      for (const [a, b] of moves) {
        const node = nodes[a % nodes.length]
        const target = nodes[b % nodes.length]
        const cycle = target._id === node._id || target.path.includes(node._id)
        if (cycle) {
          expect(() => assertNoCycle(node, target, 'ORG.CYCLE')).toThrow(expect.objectContaining({ code: 'ORG.CYCLE' }))
          continue
        }
        assertNoCycle(node, target, 'ORG.CYCLE')
        nodes = move(nodes, node, target)
      }
      const byId = new Map(nodes.map((n) => [n._id, n]))
      for (const n of nodes) {
        expect(n.path).toEqual(ancestors(byId, n._id))
        expect(n.depth).toBe(n.path.length)
        expect(chainOf(n)).toEqual([...n.path, n._id])
        expect(rootOf(n)).toBe(n.path[0] ?? n._id)
        // covers is "is an ancestor or itself", read off the target alone.
        for (const h of nodes) expect(covers(h._id, n)).toBe(h._id === n._id || ancestors(byId, n._id).includes(h._id))
      }
    }),
  )
})

it('refuses to rebase a node the moved one is not above', () => {
  expect(() => rebase({ path: ['a'] }, { _id: 'b' }, { _id: 'c', path: [] })).toThrow()
})
