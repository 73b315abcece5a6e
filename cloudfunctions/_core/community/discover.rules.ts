import type { GroupKind } from '../../../types/contract/community'
import { NEED_LABEL, SECTOR_LABEL, type Need, type Sector } from '../../../types/enums'
import { AppError } from '../runtime/app-error'
import type { GroupDoc } from './group.rules'

/**
 * Discover (为你推荐 and the group's mini-program code): pure rules, no I/O. A suggestion is made from
 * what the youth wrote in their profile — interests, skills, needs, sector — and where they live, and
 * always says which of these it comes from, in the youth's own words.
 */

/** What the suggestions look at: the youth's profile and the org chain it names. */
export interface YouthFacts {
  interests: string[]
  skills: string[]
  needs: Need[]
  sector: Sector
  /** The root of the profile's org chain: only groups of this county are suggested. */
  countyId: string
  /** The township (乡镇团委) on the chain, if any, with its org's name. */
  township: { id: string; name: string } | null
}

/** The fields of a group the score reads (what the candidates' read projects). */
export type Candidate = Pick<GroupDoc, '_id' | 'name' | 'tags' | 'kind' | 'description' | 'orgId' | 'underOrgs' | 'joinPolicy' | 'capacity'>

export type MatchKind = 'interest' | 'skill' | 'need' | 'sector' | 'township'

/**
 * How much each kind of match counts. What the youth chose to write about themselves (interests,
 * then skills) says most about the groups they would join; a need or a sector is broader; living in
 * the group's township is the weakest on its own, and adds to the others.
 */
export const WEIGHTS: Record<MatchKind, number> = { interest: 30, skill: 24, need: 18, sector: 16, township: 10 }
/** A word found only in the group's description counts for a third of a tag or the name. */
const DESCRIPTION_SHARE = 1 / 3

/**
 * The groups that serve each need: their tags (or words of their name) and kinds. Small and explicit,
 * so a cadre can see why a group came up and tag groups to match.
 */
export const NEED_MATCHES: Record<Need, { tags: string[]; kinds: GroupKind[] }> = {
  employment: { tags: ['就业', '就业创业', '招聘', '求职'], kinds: ['industry'] },
  entrepreneurship: { tags: ['创业', '就业创业', '创客', '电商'], kinds: [] },
  skills_training: { tags: ['技能培训', '职业技能', '培训'], kinds: [] },
  further_study: { tags: ['学历提升', '考研', '自考', '读书'], kinds: [] },
  dating: { tags: ['婚恋交友', '交友', '联谊'], kinds: [] },
  mental_health: { tags: ['心理健康', '心理'], kinds: [] },
  legal_aid: { tags: ['法律援助', '普法', '法律'], kinds: [] },
  volunteering: { tags: ['志愿服务', '志愿者', '公益'], kinds: ['volunteer_team'] },
}

/** The groups of each sector's people (行业社群 such as 电商 or 快递外卖 and the like), by tag or name. */
export const SECTOR_TAGS: Record<Sector, string[]> = {
  agriculture: ['农业', '新农人', '乡村振兴', '农村电商'],
  ecommerce: ['电商', '电子商务', '直播带货'],
  delivery: ['快递外卖', '快递', '外卖', '骑手'],
  enterprise: ['企业', '青年职工'],
  public_sector: ['机关', '事业单位'],
  student: ['大学生', '学生', '社会实践'],
  self_employed: ['个体', '个体经营', '小微企业'],
  seeking_work: ['求职', '招聘', '就业'],
  other: [],
}

const norm = (s: string) => s.trim().toLowerCase()

/**
 * How strongly a word the youth wrote matches a group: 1 for a tag (equal, or one containing the
 * other) or the name containing it, DESCRIPTION_SHARE for the description alone, 0 for none. Words of
 * one character match a tag only exactly: 「书」 would otherwise find half the county.
 */
export function wordMatch(word: string, g: Pick<Candidate, 'name' | 'tags' | 'description'>): number {
  const w = norm(word)
  if (!w) return 0
  const long = w.length >= 2
  const tagHit = g.tags.some((t) => {
    const tag = norm(t)
    return tag === w || (long && tag.includes(w)) || (tag.length >= 2 && w.includes(tag))
  })
  if (tagHit || (long && norm(g.name).includes(w))) return 1
  return long && norm(g.description).includes(w) ? DESCRIPTION_SHARE : 0
}

export interface Match {
  kind: MatchKind
  /** The youth's own word (an interest, a skill) or the label of the need, sector or township. */
  label: string
  weight: number
}

/** Every reason a youth might want this group, each with its weight. */
export function matchesOf(y: YouthFacts, g: Candidate): Match[] {
  const out: Match[] = []
  const words = (kind: 'interest' | 'skill', list: string[]) => {
    for (const word of new Set(list)) {
      const m = wordMatch(word, g)
      if (m > 0) out.push({ kind, label: word.trim(), weight: WEIGHTS[kind] * m })
    }
  }
  words('interest', y.interests)
  words('skill', y.skills)
  for (const need of new Set(y.needs)) {
    const table = NEED_MATCHES[need]
    const m = table.kinds.includes(g.kind) ? 1 : Math.max(0, ...table.tags.map((t) => wordMatch(t, g)))
    if (m > 0) out.push({ kind: 'need', label: NEED_LABEL[need], weight: WEIGHTS.need * m })
  }
  const sector = Math.max(0, ...SECTOR_TAGS[y.sector].map((t) => wordMatch(t, g)))
  if (sector > 0) out.push({ kind: 'sector', label: SECTOR_LABEL[y.sector], weight: WEIGHTS.sector * sector })
  if (y.township && g.underOrgs.includes(y.township.id)) out.push({ kind: 'township', label: placeName(y.township.name), weight: WEIGHTS.township })
  return out
}

/** The sentence a suggestion carries, naming its strongest match. */
export function reasonOf(m: Pick<Match, 'kind' | 'label'>): string {
  switch (m.kind) {
    case 'interest':
      return `因为你填写了兴趣：${m.label}`
    case 'skill':
      return `因为你填写了特长：${m.label}`
    case 'need':
      return `因为你需要：${m.label}`
    case 'sector':
      return `因为你从事：${m.label}`
    case 'township':
      return `你所在的乡镇：${m.label}`
  }
}

/** The place a township org stands for, as a youth says it: 「润城镇团委」 is 润城镇. */
export function placeName(orgName: string): string {
  return orgName.replace(/(团工委|团委)$/, '') || orgName
}

const ORDER: MatchKind[] = ['interest', 'skill', 'need', 'sector', 'township']

export interface Scored {
  group: Candidate
  score: number
  reason: string
}

/**
 * A group's score for this youth (the sum of its matches, rounded to a tenth) and the reason (the
 * strongest match; at equal weight, interests before skills, needs, sector, township); null for a
 * group they are not offered: another county's, one they are in or asked to join, one joined by
 * invitation only (a suggestion they could not follow), or one that nothing of theirs matches.
 */
export function scoreGroup(y: YouthFacts, g: Candidate, mine: ReadonlySet<string>): Scored | null {
  if (g.underOrgs[0] !== y.countyId || mine.has(g._id) || g.joinPolicy === 'invite') return null
  const matches = matchesOf(y, g)
  if (matches.length === 0) return null
  const best = matches.reduce((a, b) => (b.weight > a.weight || (b.weight === a.weight && ORDER.indexOf(b.kind) < ORDER.indexOf(a.kind)) ? b : a))
  const score = Math.round(matches.reduce((s, m) => s + m.weight, 0) * 10) / 10
  return { group: g, score, reason: reasonOf(best) }
}

/** At most this many suggestions. */
export const RECOMMEND_LIMIT = 10

/**
 * The suggestions shown: highest score first, then the larger group, then by id (a stable order);
 * a full group is left out (nobody could join it). `members` counts each group's active members.
 */
export function rankSuggestions(scored: Scored[], members: ReadonlyMap<string, number>, limit = RECOMMEND_LIMIT): Scored[] {
  const count = (s: Scored) => members.get(s.group._id) ?? 0
  return scored
    .filter((s) => s.group.capacity === null || count(s) < s.group.capacity)
    .sort((a, b) => b.score - a.score || count(b) - count(a) || (a.group._id < b.group._id ? -1 : a.group._id > b.group._id ? 1 : 0))
    .slice(0, limit)
}

// ---------------------------------------------------------------------------------------------
// The group's mini-program code

/** The page a group's mini-program code opens (the community package's group page). */
export const GROUP_PAGE = 'packages/community/pages/group/index'

/**
 * The scene a group's code carries (WeChat allows 32 characters): `g=<groupId>`, and for an
 * invite-only group its code too, `g=<groupId>&i=<code>` — 28 characters for the ids groups get
 * ('g' and 16 letters and digits), so scanning the code is the invitation.
 */
export function groupScene(g: Pick<GroupDoc, '_id' | 'joinPolicy' | 'inviteCode'>): string {
  return g.joinPolicy === 'invite' && g.inviteCode ? `g=${g._id}&i=${g.inviteCode}` : `g=${g._id}`
}

const SCENE = /^g=([A-Za-z0-9_-]{1,27})(?:&i=([A-Z0-9]{6}))?$/

/** A scanned scene read back: exactly the two shapes `groupScene` makes, anything else refused. */
export function parseGroupScene(scene: string): { groupId: string; inviteCode: string | null } {
  const m = SCENE.exec(scene)
  if (!m) throw new AppError('GROUP.SCENE_INVALID')
  return { groupId: m[1], inviteCode: m[2] ?? null }
}
