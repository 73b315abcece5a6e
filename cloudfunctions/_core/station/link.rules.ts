import type { LinkKind, Post } from '../../../types/contract/station'
import { AppError } from '../runtime/app-error'

/**
 * 两联: a committee member linked to the representatives they contact (committee_rep), a
 * representative to the youth they contact (rep_youth). One document per (kind, from, to), so
 * registering a link twice lands on the same one. Pure rules, no I/O.
 */
export interface LinkDoc {
  _id: string
  kind: LinkKind
  fromUserId: string
  toUserId: string
  createdBy: string
  createdAt: number
}

export function linkIdFor(kind: LinkKind, fromUserId: string, toUserId: string): string {
  return `${kind}_${fromUserId}_${toUserId}`
}

/** The post the `from` end of a link holds: a committee member contacts representatives, a representative youth. */
export const FROM_POST: Record<LinkKind, Post> = { committee_rep: 'committee', rep_youth: 'representative' }

export function assertNotSelf(fromUserId: string, toUserId: string): void {
  if (fromUserId === toUserId) throw new AppError('LINK.SELF')
}

/**
 * The kinds of link a person sees as their own (myLinks): only those their posts in force hold the
 * `from` end of, so contacts stop showing once the post that brought them ends.
 */
export function linkKindsHeld(activePosts: readonly { post: Post }[]): LinkKind[] {
  const held = new Set(activePosts.map((p) => p.post))
  return (Object.keys(FROM_POST) as LinkKind[]).filter((k) => held.has(FROM_POST[k]))
}
