import type { StationViewT } from '../../../../../types/contract/station'

/**
 * Stations in tree order (each one right after its parent, siblings as the server listed them), so
 * the list indents 总站 → 分站 → 站 whatever order the answer came in. A station whose parent is
 * outside the list (the org's part of a bigger network) starts a tree of its own.
 */
export function treeOrder(stations: readonly StationViewT[]): { station: StationViewT; level: number }[] {
  const ids = new Set(stations.map((s) => s.id))
  const children = new Map<string, StationViewT[]>()
  for (const s of stations) {
    const parent = s.parentId && ids.has(s.parentId) ? s.parentId : ''
    children.set(parent, [...(children.get(parent) ?? []), s])
  }
  const out: { station: StationViewT; level: number }[] = []
  const seen = new Set<string>()
  const walk = (parent: string, level: number) => {
    for (const s of children.get(parent) ?? []) {
      if (seen.has(s.id)) continue
      seen.add(s.id)
      out.push({ station: s, level })
      walk(s.id, level + 1)
    }
  }
  walk('', 0)
  return out
}

/** The youth home's latest funding, as 「2025年 20000元」, or null. */
export function latestFunding(home: Pick<StationViewT, 'funding'>): { year: number; yuan: number; note: string } | null {
  return home.funding.reduce<{ year: number; yuan: number; note: string } | null>((best, f) => (!best || f.year > best.year ? f : best), null)
}
