import type { CommunityContract } from '../../../types/contract/community'
import { groupIdsOf, memberCounts, toGroupCards, type GroupDoc } from '../../_core/community'
import { rankSuggestions, scoreGroup, type Candidate, type Scored, type YouthFacts } from '../../_core/community/discover.rules'
import { getOrg, getOrgs } from '../../_core/org/org.repo'
import { countyOf, townshipOf } from '../../_core/org/org.rules'
import { getProfile, userIdFor, type ProfileDoc } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import { COLLECTIONS } from '../../_core/runtime/collections'
import type { Db } from '../../_core/runtime/db'
import { readAfter, type Bound } from '../../_core/runtime/paging'
import type { Action } from '../../_core/runtime/serve'

type Read = Candidate & Pick<GroupDoc, 'cover' | 'coverCheck' | 'createdAt'>

/** The fields scored, those the card shows, and the order's field. */
const READ_FIELDS: Record<keyof Read, true> = {
  _id: true,
  name: true,
  tags: true,
  kind: true,
  description: true,
  orgId: true,
  underOrgs: true,
  joinPolicy: true,
  capacity: true,
  cover: true,
  coverCheck: true,
  createdAt: true,
}

const PAGE = 100
/** A county's groups read for scoring, newest first; past this many the oldest are not considered. */
const MAX_CANDIDATES = 2000

/**
 * Every group of the county, newest first, in pages of 100 over the (underOrgs, createdAt) index and
 * projected to the fields above. A county runs some 640 groups (阳城: 625 团组织网群 and its themed
 * groups), so this is seven small reads: scoring needs every group's tags and name, which no index
 * can rank by.
 */
async function countyGroups(db: Db, county: string): Promise<Read[]> {
  const out: Read[] = []
  let bound: Bound | null = null
  while (out.length < MAX_CANDIDATES) {
    const page: Read[] = await readAfter<Read>(db, COLLECTIONS.groups, { underOrgs: county }, { field: 'createdAt', dir: 'desc', fields: READ_FIELDS }, bound, PAGE)
    out.push(...page)
    if (page.length < PAGE) break
    const last = page[page.length - 1]
    bound = { value: last.createdAt, id: last._id, inclusive: false }
  }
  return out
}

/** The profile's facts the suggestions use, with the county and township of its org. */
async function youthFacts(db: Db, p: ProfileDoc): Promise<YouthFacts | null> {
  const org = await getOrg(db, p.orgId)
  if (!org) return null
  const township = townshipOf(org, await getOrgs(db, org.path))
  return {
    interests: p.interests,
    skills: p.skills,
    needs: p.needs,
    sector: p.sector,
    countyId: countyOf(org),
    township: township ? { id: township._id, name: township.name } : null,
  }
}

/**
 * 为你推荐: the county's groups the youth is not in yet, ranked by what their profile says (interests,
 * skills, needs, sector, township), each with the reason it is suggested. A youth whose org is gone
 * gets none until they choose a new one.
 */
export const recommendGroups: Action<CommunityContract, 'recommendGroups'> = async (_input, ctx) => {
  const userId = userIdFor(ctx.secrets(), ctx.openid())
  const profile = await getProfile(ctx.db, userId)
  if (!profile) throw new AppError('USER.NOT_REGISTERED')
  const facts = await youthFacts(ctx.db, profile)
  if (!facts) return { items: [] }
  const [candidates, mine] = await Promise.all([countyGroups(ctx.db, facts.countyId), groupIdsOf(ctx.db, userId, ['active', 'pending']).then((ids) => new Set(ids))])
  const scored = candidates.map((g) => scoreGroup(facts, g, mine)).filter((s): s is Scored => s !== null)
  const members = await memberCounts(ctx.db, scored.map((s) => s.group._id))
  const top = rankSuggestions(scored, members)
  const cards = await toGroupCards(ctx.db, ctx.platform.storage, top.map((s) => s.group as Read), members)
  return { items: cards.map((card, i) => ({ ...card, reason: top[i].reason, score: top[i].score })) }
}
