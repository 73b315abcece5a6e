import fc from 'fast-check'
import {
  GROUP_PAGE,
  RECOMMEND_LIMIT,
  WEIGHTS,
  groupScene,
  matchesOf,
  parseGroupScene,
  placeName,
  rankSuggestions,
  reasonOf,
  scoreGroup,
  wordMatch,
  type Candidate,
  type Scored,
  type YouthFacts,
} from '../../cloudfunctions/_core/community/discover.rules'
import { newGroupInviteCode } from '../../cloudfunctions/_core/community/membership.rules'
import { GROUP_KINDS } from '../../types/contract/community'
import { NEEDS, SECTORS } from '../../types/enums'

/**
 * 为你推荐 (cloudfunctions/_core/community/discover.rules.ts): a suggestion comes from the youth's own
 * profile and says which part of it; nothing of another county, nothing they are in, nothing they
 * could not join; and the group's code scene is read back exactly as it was made.
 */

const youth = (over: Partial<YouthFacts> = {}): YouthFacts => ({
  interests: [],
  skills: [],
  needs: [],
  sector: 'other',
  countyId: 'yc',
  township: { id: 'yc-rc', name: '润城镇团委' },
  ...over,
})

let n = 0
const group = (over: Partial<Candidate> = {}): Candidate => ({
  _id: `g${String(++n).padStart(16, '0')}`,
  name: '某社群',
  tags: [],
  kind: 'interest',
  description: '',
  orgId: 'yc-fc',
  underOrgs: ['yc', 'yc-fc'],
  joinPolicy: 'open',
  capacity: null,
  ...over,
})

const reason = (y: YouthFacts, g: Candidate) => scoreGroup(y, g, new Set())?.reason

describe('the reason a group is suggested', () => {
  it.each<[string, Partial<YouthFacts>, Partial<Candidate>, string]>([
    ['an interest found in a tag', { interests: ['摄影'] }, { tags: ['摄影', '旅行'] }, '因为你填写了兴趣：摄影'],
    ['an interest found in the name', { interests: ['篮球'] }, { name: '阳城县青年篮球社' }, '因为你填写了兴趣：篮球'],
    ['an interest in English, any case', { interests: ['Cosplay'] }, { tags: ['cosplay'] }, '因为你填写了兴趣：Cosplay'],
    ['a skill', { skills: ['无人机'] }, { tags: ['无人机航拍'] }, '因为你填写了特长：无人机'],
    ['a need by the table’s tags', { needs: ['employment'] }, { tags: ['招聘'] }, '因为你需要：就业'],
    ['a need by the group’s kind', { needs: ['volunteering'] }, { kind: 'volunteer_team', name: '青年突击队' }, '因为你需要：志愿服务'],
    ['a sector', { sector: 'delivery' }, { kind: 'industry', name: '阳城县快递外卖青年之家', tags: ['快递外卖'] }, '因为你从事：快递外卖'],
    ['e-commerce', { sector: 'ecommerce' }, { kind: 'industry', tags: ['电商'] }, '因为你从事：电子商务'],
    ['the township', {}, { orgId: 'yc-rc-b1', underOrgs: ['yc', 'yc-rc', 'yc-rc-b1'] }, '你所在的乡镇：润城镇'],
  ])('names %s', (_l, y, g, text) => {
    expect(reason(youth(y), group(g))).toBe(text)
  })

  it('names the strongest match when several hold, and adds them all up', () => {
    const y = youth({ interests: ['摄影'], needs: ['employment'] })
    const g = group({ tags: ['招聘'], description: '一起摄影', underOrgs: ['yc', 'yc-rc'] })
    // 招聘 is a tag (a need, full weight), 摄影 only in the description (an interest, a third).
    const s = scoreGroup(y, g, new Set())!
    expect(s.reason).toBe('因为你需要：就业')
    expect(s.score).toBe(Math.round((WEIGHTS.need + WEIGHTS.interest / 3 + WEIGHTS.township) * 10) / 10)
  })

  it('names the township as a place, not as its League committee', () => {
    expect(placeName('润城镇团委')).toBe('润城镇')
    expect(placeName('开发区团工委')).toBe('开发区')
    expect(placeName('团委')).toBe('团委')
  })

  it('puts an interest before a skill at equal strength', () => {
    const s = scoreGroup(youth({ interests: ['书法'], skills: ['书法'] }), group({ tags: ['书法'] }), new Set())!
    expect(s.reason).toBe('因为你填写了兴趣：书法')
  })

  it('does not let a one-character word match inside names or tags', () => {
    expect(wordMatch('书', { name: '读书会', tags: ['读书'], description: '看书' })).toBe(0)
    expect(wordMatch('书', { name: '社', tags: ['书'], description: '' })).toBe(1)
  })

  it('suggests nothing that nothing of the youth matches', () => {
    expect(scoreGroup(youth({ interests: ['摄影'], township: null }), group({ tags: ['篮球'] }), new Set())).toBeNull()
  })
})

describe('what is never suggested', () => {
  const y = youth({ interests: ['摄影'] })
  it('leaves out another county’s group, one the youth is in or asked for, and an invite-only one', () => {
    const g = group({ tags: ['摄影'] })
    expect(scoreGroup(y, g, new Set())).not.toBeNull()
    expect(scoreGroup(y, { ...g, underOrgs: ['yuci', 'yuci-jl'] }, new Set())).toBeNull()
    expect(scoreGroup(y, g, new Set([g._id]))).toBeNull()
    expect(scoreGroup(y, { ...g, joinPolicy: 'invite' }, new Set())).toBeNull()
  })

  const word = fc.constantFrom('摄影', '篮球', '书法', '读书', '电商', '快递外卖', '志愿服务', '招聘', '心理', '无人机', 'Cosplay')
  const arbYouth = fc.record({
    interests: fc.array(word, { maxLength: 4 }),
    skills: fc.array(word, { maxLength: 3 }),
    needs: fc.subarray([...NEEDS]),
    sector: fc.constantFrom(...SECTORS),
    countyId: fc.constantFrom('yc', 'yuci'),
    township: fc.option(fc.constantFrom({ id: 'yc-rc', name: '润城镇团委' }, { id: 'yc-fc', name: '凤城镇团委' }), { nil: null }),
  })
  const arbGroup = fc.record({
    _id: fc.stringMatching(/^g[a-z0-9]{16}$/),
    name: fc.constantFrom('青年之家', '摄影社', '篮球社', '快递外卖青年', '读书会', '志愿者协会'),
    tags: fc.array(word, { maxLength: 4 }),
    kind: fc.constantFrom(...GROUP_KINDS),
    description: fc.constantFrom('', '一起摄影', '招聘信息'),
    orgId: fc.constant('x'),
    underOrgs: fc.constantFrom<string[]>(['yc'], ['yc', 'yc-rc'], ['yc', 'yc-fc', 'yc-fc-b1'], ['yuci', 'yuci-jl']),
    joinPolicy: fc.constantFrom('open', 'approval', 'invite') as fc.Arbitrary<Candidate['joinPolicy']>,
    capacity: fc.option(fc.integer({ min: 2, max: 5 }), { nil: null }),
  })

  it('ranks only the youth’s county, never what they are in, at most ten, best first, and each reason is its strongest match', () => {
    fc.assert(
      fc.property(arbYouth, fc.array(arbGroup, { maxLength: 30 }), fc.array(fc.nat(6), { maxLength: 30 }), (y, groups, counts) => {
        const mine = new Set(groups.filter((_g, i) => i % 5 === 0).map((g) => g._id))
        const scored = groups.map((g) => scoreGroup(y, g, mine)).filter((s): s is Scored => s !== null)
        const members = new Map(groups.map((g, i) => [g._id, counts[i] ?? 0]))
        const shown = rankSuggestions(scored, members)
        expect(shown.length).toBeLessThanOrEqual(RECOMMEND_LIMIT)
        for (const s of shown) {
          expect(s.group.underOrgs[0]).toBe(y.countyId)
          expect(mine.has(s.group._id)).toBe(false)
          expect(s.group.joinPolicy).not.toBe('invite')
          expect(s.group.capacity === null || (members.get(s.group._id) ?? 0) < s.group.capacity).toBe(true)
          const ms = matchesOf(y, s.group)
          const top = Math.max(...ms.map((m) => m.weight))
          expect(ms.filter((m) => m.weight === top).map((m) => reasonOf(m))).toContain(s.reason)
          expect(s.score).toBeCloseTo(ms.reduce((t, m) => t + m.weight, 0), 1)
        }
        for (let i = 1; i < shown.length; i++) {
          const [a, b] = [shown[i - 1], shown[i]]
          const [ma, mb] = [members.get(a.group._id) ?? 0, members.get(b.group._id) ?? 0]
          expect(a.score > b.score || (a.score === b.score && (ma > mb || (ma === mb && a.group._id <= b.group._id)))).toBe(true)
        }
        // Nothing left out that should have made the list: every joinable scored group not shown ranks below the last one shown.
        if (shown.length === RECOMMEND_LIMIT) {
          const last = shown[shown.length - 1]
          for (const s of scored) if (!shown.includes(s) && (s.group.capacity === null || (members.get(s.group._id) ?? 0) < s.group.capacity)) expect(s.score).toBeLessThanOrEqual(last.score)
        }
      }),
    )
  })

  it('breaks equal scores by members, then by id', () => {
    const a = group({ _id: 'gb', tags: ['摄影'] })
    const b = group({ _id: 'ga', tags: ['摄影'] })
    const c = group({ _id: 'gc', tags: ['摄影'] })
    const scored = [a, b, c].map((g) => scoreGroup(y, g, new Set())!)
    expect(rankSuggestions(scored, new Map([['gc', 9]])).map((s) => s.group._id)).toEqual(['gc', 'ga', 'gb'])
  })
})

describe('the group code’s scene', () => {
  const bytes = (seed: number) => (k: number) => Buffer.from(Array.from({ length: k }, (_v, i) => (seed * 31 + i * 7) & 0xff))

  it('fits WeChat’s 32 characters for every group id createGroup makes, with the invite code', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^g[a-z0-9]{16}$/), fc.nat(1000), (id, seed) => {
        const code = newGroupInviteCode(bytes(seed))
        const scene = groupScene({ _id: id, joinPolicy: 'invite', inviteCode: code })
        expect(scene).toBe(`g=${id}&i=${code}`)
        expect(scene.length).toBeLessThanOrEqual(32)
        expect(parseGroupScene(scene)).toEqual({ groupId: id, inviteCode: code })
        expect(parseGroupScene(groupScene({ _id: id, joinPolicy: 'approval', inviteCode: null }))).toEqual({ groupId: id, inviteCode: null })
      }),
    )
  })

  it('carries no code for a group that is not invite-only, whatever is stored', () => {
    expect(groupScene({ _id: 'gabc', joinPolicy: 'open', inviteCode: 'ABC234' })).toBe('g=gabc')
  })

  it.each(['', 'g=', 'x=gabc', 'g=gabc&i=abc234', 'g=gabc&i=ABC23', 'g=gabc&i=ABC2345', 'g=gabc&x=ABC234', 'g=ga.c', 'g=gabc&', ' g=gabc', 'g=gabc\n', 'g=g%20c', 'g=gabc&i=ABC234&i=ABC234'])(
    'refuses the scene %j',
    (scene) => {
      expect(() => parseGroupScene(scene)).toThrow(expect.objectContaining({ code: 'GROUP.SCENE_INVALID' }))
    },
  )

  it('opens the community package’s group page', () => {
    expect(GROUP_PAGE).toBe('packages/community/pages/group/index')
  })
})
