import type { LinkKind } from '../../../types/contract/station'
import { COLLECTIONS } from '../runtime/collections'
import { findById, readAll, txGet, type Db, type Tx } from '../runtime/db'
import { pageById, type PageRequest, type PageResult } from '../runtime/paging'
import type { LinkDoc } from './link.rules'

const LINKS = COLLECTIONS.stationLinks

export function getLink(db: Db, id: string): Promise<LinkDoc | null> {
  return findById<LinkDoc>(db, LINKS, id)
}

export function txLink(tx: Tx, id: string): Promise<LinkDoc | null> {
  return txGet<LinkDoc>(tx, LINKS, id)
}

export async function putLink(into: Tx, link: LinkDoc): Promise<void> {
  const { _id, ...rest } = link
  await into.collection(LINKS).doc(_id).set({ data: rest })
}

export async function removeLink(into: Tx, id: string): Promise<void> {
  await into.collection(LINKS).doc(id).remove()
}

/** One page of the links a person holds the `from` end of, of the given kinds, over the (fromUserId, kind) index. */
export function pageLinksFrom(db: Db, fromUserId: string, kinds: LinkKind[], page: PageRequest): Promise<PageResult<LinkDoc>> {
  return pageById<LinkDoc>(db, LINKS, { fromUserId, kind: db.command.in(kinds) }, page)
}

/** The representatives linked to a youth (a youth has one or two), over the (toUserId, kind) index. */
export function repLinksTo(db: Db, youthUserId: string): Promise<LinkDoc[]> {
  return readAll<LinkDoc>(db, LINKS, { toUserId: youthUserId, kind: 'rep_youth' })
}
