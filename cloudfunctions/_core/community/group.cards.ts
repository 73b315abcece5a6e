import { visibleCover } from '../activity/activity.rules'
import { urlOf } from '../mall/goods.views'
import { getOrgs } from '../org/org.repo'
import { GONE_ORG } from '../org/org.rules'
import { urlsFor, type Storage } from '../platform/storage'
import type { Db } from '../runtime/db'
import type { GroupDoc } from './group.rules'
import { memberCounts } from './membership.repo'

/** The fields a card shows (a discover read may project the rest away). */
export type CardSource = Pick<GroupDoc, '_id' | 'name' | 'kind' | 'tags' | 'description' | 'cover' | 'coverCheck' | 'orgId' | 'joinPolicy' | 'capacity'>

/**
 * Groups as any youth sees them in discover and search: the org's name, the members now, and the
 * cover only once its check passed (one storage call for the page's covers). `members` may be given
 * when the caller has already counted them (the suggestions rank by it).
 */
export async function toGroupCards(db: Db, storage: Storage, groups: CardSource[], members?: ReadonlyMap<string, number>) {
  const covers = groups.map((g) => visibleCover(g, false))
  const [orgs, counts, urls] = await Promise.all([
    getOrgs(db, [...new Set(groups.map((g) => g.orgId))]),
    members ?? memberCounts(db, groups.map((g) => g._id)),
    urlsFor(storage, covers),
  ])
  return groups.map((g, i) => ({
    id: g._id,
    name: g.name,
    kind: g.kind,
    tags: g.tags,
    description: g.description,
    coverUrl: urlOf(urls, covers[i]),
    orgName: orgs.get(g.orgId)?.name ?? GONE_ORG,
    joinPolicy: g.joinPolicy,
    capacity: g.capacity,
    members: counts.get(g._id) ?? 0,
  }))
}
