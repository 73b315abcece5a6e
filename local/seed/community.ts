import { createHash } from 'node:crypto'
import type { GroupKind } from '../../types/contract/community'
import { DAY_MS, shanghaiEpoch } from '../../types/day'
import { announcementIdFor, readIdFor, replyIdFor } from '../../cloudfunctions/_core/community/announcement.repo'
import type { AnnouncementDoc, AnnouncementReadDoc, ReplyDoc } from '../../cloudfunctions/_core/community/announcement.rules'
import { matchesOf, placeName, type YouthFacts } from '../../cloudfunctions/_core/community/discover.rules'
import { monthStart } from '../../cloudfunctions/_core/community/figures'
import { groupIdFor } from '../../cloudfunctions/_core/community/group.repo'
import { editableFields, inviteCodeFor, isOrgTop, type GroupDoc } from '../../cloudfunctions/_core/community/group.rules'
import { settledDocs, startMembership } from '../../cloudfunctions/_core/community/membership.repo'
import { newGroupInviteCode, type MembershipDoc } from '../../cloudfunctions/_core/community/membership.rules'
import type { OrgDoc } from '../../cloudfunctions/_core/org/org.rules'
import { userIdFor } from '../../cloudfunctions/_core/profile/profile.repo'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'
import { requestHash } from '../../cloudfunctions/_core/runtime/idempotency'
import type { Secrets } from '../../cloudfunctions/_core/runtime/secrets'
import { chainOf, childPlacement, ROOT_PLACEMENT } from '../../cloudfunctions/_core/tree'
import { uuidFrom, type SeedPictures } from './activities'
import type { SeedStore } from './store'
import { prng, type SeedYouth } from './youth'

/**
 * 网上青年社群 demo data (newsletter-2022-09): 阳城's tower — 「阳城青年」 over a 团组织网群 per
 * township and per branch, the 14 themed groups, the three alliances over 22 youth associations, a
 * few 青年突击队 — and a smaller one for 榆次; the seeded youth in their township's and branch's
 * groups and in themed groups their profile matches (many in several groups of one tower, so a
 * tower's coverage is less than the sum of its members), requests waiting in the approval groups,
 * and the announcements with their reads and replies.
 *
 * Every group is what createGroup would have stored for its maker (the cadre whose role covers its
 * org, with the id a request key gives), every membership what the actions leave once settled
 * (`startMembership`, then `settledDocs` for the places and the coverage), so 社群管理 and 覆盖青年
 * read exactly what they would have read. Who joins a themed group is decided by `matchesOf`, the
 * rule 为你推荐 scores by, so the demo's people are in the groups the app would suggest to them.
 *
 * 王晓青 (dev-youth) is in 阳城青年, 润城镇青年, 上庄村青年, the 电商直播 group and 返乡创业青年汇,
 * and nowhere near 润城镇青年读书会 (an approval group of dev-cadre's tagged 读书), so 为你推荐 offers
 * it to her first, 「因为你填写了兴趣：读书」, and the browser test asks to join it. The other groups
 * of 阳城 say nothing her profile names (读书, 志愿服务, 直播带货, 短视频剪辑, 技能培训, 创业, 电商)
 * unless she is in them or they are invite-only: her suggestions are that group and the other
 * villages of 润城镇.
 *
 * Written once, like the mall: run again over a store that has it (the county's group is written
 * last), nothing changes, so joins, reads and replies made since stay.
 */

const HOUR = 3600_000

/** The day after the profiles were made (SEED_TIME): the towers are built first, then people join. */
const MADE_FROM = shanghaiEpoch('2026-09-02', '09:00')!
/** Joins, reads and replies are spread over this span before now (never before their group). */
const JOIN_SPAN_MS = 100 * DAY_MS
/** This share of joins falls in the current month, so 本月新增 has something to count on any day. */
const THIS_MONTH_SHARE = 0.12

const ORG_CADRE: [string, string][] = [
  ['yc-rc', 'dev-cadre'], // 润城镇团委
  ['yc', 'dev-admin'], // 共青团阳城县委
  ['yuci', 'dev-yuci-admin'], // 共青团榆次区委
]

/** The group's maker and owner: the nearest cadre whose org covers the group's org. */
function makerOf(underOrgs: string[]): string {
  for (let i = underOrgs.length - 1; i >= 0; i--) {
    const hit = ORG_CADRE.find(([org]) => org === underOrgs[i])
    if (hit) return hit[1]
  }
  throw new Error(`seed community: no cadre covers ${underOrgs.join('/')}`)
}

// ---------------------------------------------------------------------------------------------
// The groups

type Policy = GroupDoc['joinPolicy']

interface GroupSpec {
  /** Stable key: an org's id for its 团组织网群, a word for the others. */
  key: string
  name: string
  kind: GroupKind
  orgId: string
  /** The parent group's key; null: the top of the county's tower. */
  parent: string | null
  tags: string[]
  description: string
  joinPolicy: Policy
  capacity: number | null
  /** Days after MADE_FROM it was made. */
  day: number
  /** A cover drawn in this landscape palette (with storage). */
  cover?: number
  /** How likely a youth of the county is to be in it; default: what their profile shares with it. */
  share?: (y: Person) => number
  /** Of those who asked to join an approval group, the share still waiting. */
  pending?: number
  /** The youth first in is made the group's admin (a cadre owns it; a youth runs it day to day). */
  youthAdmin?: boolean
}

const TOWER_NAMES: Record<string, { name: string; description: string; tags: string[] }> = {
  yc: {
    name: '阳城青年',
    description: '共青团阳城县委的团组织网群：团县委的通知、青年之家的活动和各类招募都在这里。各乡镇团委和村（社区）团支部的网群在它之下，加入自己所在的那一个，就不会错过身边的事。',
    tags: ['青春阳城', '团县委'],
  },
  yuci: {
    name: '榆次青年',
    description: '共青团晋中市榆次区委的塔群式网上社群：团区委的通知、团代表联络站的开放日和各类招募。各乡镇（街道）和社区、村团支部的网群都在它之下。',
    tags: ['青春榆次', '团区委'],
  },
}

/** 阳城's 14 themed groups (兴趣社群 and 行业社群). */
const THEMED: GroupSpec[] = [
  {
    key: 'reading',
    name: '润城镇青年读书会',
    kind: 'interest',
    orgId: 'yc-rc',
    parent: 'yc-rc',
    tags: ['读书', '阅读分享'],
    description: '每月共读一本书，周六下午在润城镇青年之家二楼阅览室分享。想加入的青年请写一句你最近在读的书，群主通过后拉你进微信群。',
    joinPolicy: 'approval',
    capacity: null,
    day: 6,
    cover: 3,
    pending: 0.35,
    youthAdmin: true,
    share: (y) => (y.facts.interests.includes('读书') ? 0.5 : y.township === 'yc-rc' ? 0.2 : 0),
  },
  { key: 'photo', name: '阳城青年摄影社', kind: 'interest', orgId: 'yc', parent: 'yc', tags: ['摄影', '旅拍', '风光'], description: '拍析城山的云海、皇城相府的老院子和乡亲们的笑脸，每月组织一次外拍，片子优先给「青春阳城」公众号用。', joinPolicy: 'open', capacity: null, day: 8, cover: 1, youthAdmin: true },
  { key: 'basketball', name: '阳城青年篮球队', kind: 'interest', orgId: 'yc', parent: 'yc', tags: ['篮球', '运动'], description: '每周三、周五晚上在县体育馆打球，名额有限，报名请写清楚常打的位置。', joinPolicy: 'approval', capacity: 24, day: 9, pending: 0.15, youthAdmin: true },
  { key: 'ecommerce-live', name: '阳城电商直播青年社群', kind: 'industry', orgId: 'yc', parent: 'yc', tags: ['电商', '直播带货', '农特产品'], description: '电商团工委牵头的行业社群：选品、直播间搭建、平台规则，互相帮忙带一带阳城的蚕茧、山茱萸和小米。', joinPolicy: 'open', capacity: null, day: 5, cover: 0, youthAdmin: true },
  { key: 'delivery', name: '阳城快递外卖青年之家', kind: 'industry', orgId: 'yc', parent: 'yc', tags: ['快递外卖', '骑手', '快递'], description: '跑单路上的互助群：天气预警、爱心驿站的位置、权益服务，遇到难处在群里说一声。', joinPolicy: 'open', capacity: null, day: 10, youthAdmin: true },
  { key: 'homecoming', name: '阳城返乡创业青年汇', kind: 'industry', orgId: 'yc', parent: 'yc', tags: ['返乡创业', '创业', '乡村振兴'], description: '回到阳城干事业的青年在这里交流项目、政策和贷款，团县委定期请前辈来分享经验。', joinPolicy: 'approval', capacity: null, day: 7, cover: 3, pending: 0.2, youthAdmin: true },
  { key: 'heritage', name: '阳城非遗手艺传习社', kind: 'interest', orgId: 'yc', parent: 'yc', tags: ['非遗', '手工', '剪纸'], description: '琉璃、剪纸、木雕这些老手艺，跟着老师傅一起学，作品在青年之家展出。', joinPolicy: 'open', capacity: null, day: 12, cover: 2, youthAdmin: true },
  { key: 'mind', name: '阳城青年心理互助驿站', kind: 'interest', orgId: 'yc', parent: 'yc', tags: ['心理健康', '心理', '倾诉'], description: '有心事不知道跟谁说？这里有持证的心理咨询师志愿者值守，也有同龄人陪你聊聊。群里不评判、不外传。', joinPolicy: 'approval', capacity: 50, day: 14, pending: 0.2, youthAdmin: true },
  { key: 'hiking', name: '阳城户外登山队', kind: 'interest', orgId: 'yc', parent: 'yc', tags: ['登山', '徒步', '户外'], description: '周末走析城山、蟒河的山路，新手路线和进阶路线轮着来，安全第一。', joinPolicy: 'open', capacity: null, day: 11, cover: 1, youthAdmin: true },
  { key: 'running', name: '阳城青年跑团', kind: 'interest', orgId: 'yc', parent: 'yc', tags: ['跑步', '健身'], description: '每天早上六点半凤栖湖边集合，五公里起步，跑完一起吃早饭。', joinPolicy: 'open', capacity: null, day: 13, youthAdmin: true },
  { key: 'farmers', name: '阳城新农人青年群', kind: 'industry', orgId: 'yc', parent: 'yc', tags: ['新农人', '农业', '乡村振兴'], description: '种植、养殖、合作社的年轻人在一起：农技问答、订单对接，农忙时互相搭把手。', joinPolicy: 'open', capacity: null, day: 15, youthAdmin: true },
  { key: 'music', name: '阳城青年音乐社', kind: 'interest', orgId: 'yc', parent: 'yc', tags: ['音乐', '声乐', '吉他'], description: '唱歌、弹琴、组乐队，每月在青年之家办一场小型分享会。', joinPolicy: 'open', capacity: null, day: 16, youthAdmin: true },
  { key: 'friends', name: '阳城青年联谊会', kind: 'interest', orgId: 'yc', parent: 'yc', tags: ['婚恋交友', '联谊', '交友'], description: '团县委组织的青年联谊活动都在这里报名，实名入群，真诚交友。', joinPolicy: 'approval', capacity: null, day: 18, pending: 0.25, youthAdmin: true },
  {
    key: 'coal',
    name: '阳城煤业青年职工之家',
    kind: 'industry',
    orgId: 'yc-np-coal',
    parent: 'yc',
    tags: ['企业', '青年职工', '安全生产'],
    description: '阳城煤业公司团支部的青年职工群：班组通知、安全生产提醒和青年文明号创建，凭公司团支部发的邀请码加入。',
    joinPolicy: 'invite',
    capacity: null,
    day: 17,
    share: (y) => (y.orgId === 'yc-np-coal' ? 0.9 : y.sector === 'enterprise' ? 0.15 : 0),
  },
]

/** The three alliances of 阳城 and the 22 youth associations they gather. */
const ALLIANCES: { key: string; name: string; tags: string[]; description: string; cover: number; associations: [string, string[], string][] }[] = [
  {
    key: 'alliance-home',
    name: '青年之家联盟',
    tags: ['青年之家', '青年社团'],
    description: '全县青年之家和依托它们活动的青年社团的负责人在这里对接场地、项目和经费，凭团县委发的邀请码加入。',
    cover: 0,
    associations: [
      ['阳城县青年书画协会', ['书法', '绘画'], '写字画画的青年每周在青年之家旗舰店交流，春节前义写春联。'],
      ['阳城县青年舞蹈协会', ['舞蹈', '广场舞'], '街舞、民族舞和广场舞都有，逢年过节上台演出。'],
      ['阳城县青少年科技社', ['科技', '编程', '机器人'], '带中小学生做机器人和编程小项目，寒暑假办科技营。'],
      ['阳城县青年早教公益社', ['早教', '亲子'], '早教老师和年轻父母一起，每周六上午在青年之家办亲子课。'],
      ['阳城县琉璃文化青年社', ['琉璃', '非遗'], '后则腰琉璃的年轻传人和爱好者，记录老手艺，也做新设计。'],
      ['阳城县青年象棋协会', ['象棋', '棋类'], '每月一次擂台赛，老少都能来下两盘。'],
      ['阳城县青年汉服社', ['汉服', '传统文化'], '穿汉服逛皇城相府，讲讲衣裳背后的历史。'],
      ['阳城县青年曲艺社', ['戏曲', '上党梆子'], '上党梆子和说唱，跟着老艺人学几段，下乡演给乡亲们听。'],
    ],
  },
  {
    key: 'alliance-volunteer',
    name: '青年志愿服务联盟',
    tags: ['志愿服务', '青年社团'],
    description: '全县志愿服务类青年社团的负责人群：统一调度防汛、疫情防控和文明城市创建的志愿力量，凭团县委发的邀请码加入。',
    cover: 1,
    associations: [
      ['阳城县青年志愿者协会', ['志愿者', '公益'], '全县最早的青年志愿者组织，常年招募，参加活动可以在小程序里记时长、领益币。'],
      ['阳城县蓝天救援队', ['应急救援', '水域救援'], '退伍军人和持证救援员组成，防汛、山地搜救时第一时间集结。'],
      ['阳城县红十字青年救护队', ['急救', '应急'], '学急救、教急救，大型活动现场设救护点。'],
      ['阳城县七彩四点半公益社', ['七彩四点半', '关爱儿童'], '放学后的两个小时陪留守儿童写作业、做手工。'],
      ['阳城县青暖童心公益社', ['关爱儿童', '爱心暑托班'], '爱心暑托班的老师和大学生，给困境青少年免费辅导看护。'],
      ['阳城县青年环保协会', ['环保', '垃圾分类'], '沁河河道清洁、垃圾分类进社区，每月一次。'],
      ['阳城县文明交通青年志愿队', ['文明交通', '文明城市'], '早晚高峰在路口劝导文明出行，配合文明城市创建。'],
      ['阳城县助残青年志愿者协会', ['助残', '公益'], '陪伴残障朋友出行、就医和参加活动。'],
    ],
  },
  {
    key: 'alliance-college',
    name: '大学生社会实践联盟',
    tags: ['大学生', '社会实践'],
    description: '阳城籍大学生社团和返乡实践团的负责人群：发布兼职团干、实习实训和寒暑假实践的机会，凭团县委发的邀请码加入。',
    cover: 2,
    associations: [
      ['阳城籍太原理工大学学子联谊会', ['大学生', '学子联谊'], '在太原理工上学的阳城学子，开学接新、寒暑假结伴回家。'],
      ['阳城籍山西大学学子联谊会', ['大学生', '学子联谊'], '在山大的阳城老乡，互相照应，一起参加返乡实践。'],
      ['阳城籍山西农业大学学子联谊会', ['大学生', '农业'], '学农的阳城学子，暑假回乡给合作社帮忙、做调研。'],
      ['阳城县大学生返乡实践团', ['社会实践', '学子归巢'], '「青春兴晋·学子归巢」的实践生在这里分组，到各乡镇参与基层团建和乡村振兴。'],
      ['阳城县大学生兼职团干联谊会', ['兼职团干', '大学生'], '在各乡镇团委兼任干事的大学生交流工作、互相支招。'],
      ['阳城县大学生支教社', ['支教', '大学生'], '假期到山区小学支教，带孩子们上音乐、美术和体育课。'],
    ],
  },
]

/** 青年突击队: called up for a task, under the group of the org that calls them up. */
const TEAMS: GroupSpec[] = [
  { key: 'team-flood', name: '阳城县防汛青年突击队', kind: 'volunteer_team', orgId: 'yc', parent: 'yc', tags: ['防汛', '抢险', '应急'], description: '汛期随时集结，装沙袋、转移群众、巡查河堤。报名请写明能否在夜间出勤。', joinPolicy: 'approval', capacity: null, day: 20, pending: 0.2 },
  { key: 'team-canteen', name: '深夜爱心食堂青年突击队', kind: 'volunteer_team', orgId: 'yc', parent: 'yc', tags: ['爱心食堂', '疫情防控'], description: '晋阳高速阳城收费站「深夜爱心食堂」的值守队伍，给卡口的防疫人员送夜宵。', joinPolicy: 'open', capacity: null, day: 21, youthAdmin: true },
  {
    key: 'team-harvest',
    name: '上庄村秋收青年突击队',
    kind: 'volunteer_team',
    orgId: 'yc-rc-b1',
    parent: 'yc-rc-b1',
    tags: ['秋收', '助农'],
    description: '帮村里的留守老人抢收玉米、晾晒入仓，村团支部按户派工，凭支部发的邀请码加入。',
    joinPolicy: 'invite',
    capacity: null,
    day: 22,
    share: (y) => (y.orgId === 'yc-rc-b1' ? 0.6 : 0),
  },
  { key: 'team-tourism', name: '北留镇文旅服务青年突击队', kind: 'volunteer_team', orgId: 'yc-bl', parent: 'yc-bl', tags: ['文旅', '讲解'], description: '节假日在皇城相府、郭峪古城做讲解和游客引导，北留镇的青年优先。', joinPolicy: 'approval', capacity: null, day: 23, pending: 0.15, share: (y) => (y.township === 'yc-bl' ? 0.35 : 0) },
  { key: 'team-rescue', name: '榆次区青年应急救援队', kind: 'volunteer_team', orgId: 'yuci', parent: 'yuci', tags: ['应急救援', '水域救援', '森林防火'], description: '退伍军人和有救援技能的青年组成，防疫消杀、水域救援、森林防火都受过专业培训。', joinPolicy: 'approval', capacity: 45, day: 10, pending: 0.2, youthAdmin: true },
  { key: 'team-jinlun', name: '锦纶街道疫情联防青年突击队', kind: 'volunteer_team', orgId: 'yuci-jl', parent: 'yuci-jl', tags: ['疫情防控', '社区服务'], description: '锦纶街道各社区的联防队伍，核酸点引导、物资配送、重点人员排查。', joinPolicy: 'open', capacity: null, day: 12, share: (y) => (y.township === 'yuci-jl' ? 0.4 : 0) },
  { key: 'team-dongyang', name: '东阳镇助农青年突击队', kind: 'volunteer_team', orgId: 'yuci-dy', parent: 'yuci-dy', tags: ['助农', '乡村振兴'], description: '车辋村、东阳村的果蔬采摘季帮忙采收、分拣和装车。', joinPolicy: 'open', capacity: null, day: 14, share: (y) => (y.township === 'yuci-dy' ? 0.4 : 0) },
  { key: 'team-campus', name: '晋中新青年志愿服务队', kind: 'volunteer_team', orgId: 'yuci', parent: 'yuci', tags: ['志愿服务', '高校'], description: '省高校教育园区的大学生志愿者和榆次区的青年一起，校地结合开展社区服务和下乡支教。', joinPolicy: 'open', capacity: null, day: 16, youthAdmin: true },
]

/** The towers of 团组织网群: the county's group, a group per township under it, a group per branch under that. */
function towerSpecs(orgs: OrgDoc[]): GroupSpec[] {
  const out: GroupSpec[] = []
  for (const county of orgs.filter((o) => o.kind === 'county')) {
    const top = TOWER_NAMES[county._id]
    out.push({ key: county._id, name: top.name, kind: 'org_group', orgId: county._id, parent: null, tags: top.tags, description: top.description, joinPolicy: 'open', capacity: null, day: 0, cover: 0 })
    for (const town of orgs.filter((o) => o.parentId === county._id && o.kind === 'township')) {
      const place = placeName(town.name)
      out.push({
        key: town._id,
        name: `${place}青年`,
        kind: 'org_group',
        orgId: town._id,
        parent: county._id,
        tags: ['团组织'],
        description: `${town.name}的团组织网群：镇（街道）里的通知、青年之家的活动都发在这里。加入请写明所在的村（社区），团委核对后通过。`,
        joinPolicy: 'approval',
        capacity: null,
        day: 1,
        pending: 0.08,
      })
      for (const branch of orgs.filter((o) => o.parentId === town._id)) {
        out.push({
          key: branch._id,
          name: `${branch.name.replace(/团支部$/, '')}青年`,
          kind: 'org_group',
          orgId: branch._id,
          parent: town._id,
          tags: ['团支部'],
          description: `${branch.name}的团组织网群：支部的通知、主题团日和团员教育评议。`,
          joinPolicy: 'open',
          capacity: null,
          day: 2,
        })
      }
    }
  }
  return out
}

function allianceSpecs(): GroupSpec[] {
  return ALLIANCES.flatMap((a) => [
    { key: a.key, name: a.name, kind: 'alliance' as const, orgId: 'yc', parent: 'yc', tags: a.tags, description: a.description, joinPolicy: 'invite' as const, capacity: null, day: 8, cover: a.cover, share: () => 0 },
    ...a.associations.map(([name, tags, description], i): GroupSpec => ({
      key: `${a.key}-${i + 1}`,
      name,
      kind: 'association',
      orgId: 'yc-np', // 非公和社会组织团工委: the county's youth social organizations answer to it
      parent: a.key,
      tags,
      description,
      joinPolicy: i % 3 === 2 ? 'approval' : 'open',
      capacity: null,
      day: 9 + i,
      pending: 0.15,
      youthAdmin: true,
    })),
  ])
}

// ---------------------------------------------------------------------------------------------
// The people

interface Person {
  openid: string
  userId: string
  realName: string
  orgId: string
  sector: SeedYouth['sector']
  county: string
  township: string | null
  /** What 为你推荐 reads of them (without the township: living there is no reason to join a themed group). */
  facts: YouthFacts
}

/** The personas' places in the towers (the generated youth are placed by the shares). */
const PERSONA_MEMBERSHIPS: { openid: string; group: string; role?: 'admin'; daysAgo: number; subscribed?: boolean }[] = [
  { openid: 'dev-youth', group: 'yc', daysAgo: 75, subscribed: true },
  { openid: 'dev-youth', group: 'yc-rc', daysAgo: 74, subscribed: true },
  { openid: 'dev-youth', group: 'yc-rc-b1', daysAgo: 74 },
  { openid: 'dev-youth', group: 'ecommerce-live', daysAgo: 40, subscribed: true },
  { openid: 'dev-youth', group: 'homecoming', daysAgo: 4 },
  { openid: 'dev-clerk', group: 'yc-rc', daysAgo: 70 },
  { openid: 'dev-cadre', group: 'yc', daysAgo: 85 },
  { openid: 'dev-rep', group: 'yuci', daysAgo: 80 },
  { openid: 'dev-rep', group: 'yuci-jl', daysAgo: 80, subscribed: true },
  { openid: 'dev-rep', group: 'yuci-jl-b1', daysAgo: 79 },
  { openid: 'dev-rep', group: 'team-jinlun', role: 'admin', daysAgo: 60 },
]
const PERSONA_NAMES: Record<string, string> = { 'dev-youth': '王晓青', 'dev-cadre': '李建国', 'dev-admin': '张文静', 'dev-yuci-admin': '郭志强', 'dev-rep': '赵敏', 'dev-clerk': '王秀兰' }

/** Why a member of each org group asks to join (shown to the admin who approves). */
const REQUEST_MESSAGES = ['我是本镇的团员，想加入网群接收通知。', '刚回村工作，想多参加团里的活动。', '朋友推荐的，想一起参加。', '看到公众号的介绍，想加入。', '']

// ---------------------------------------------------------------------------------------------
// Announcements

interface AnnouncementSpec {
  title: string
  body: string
  daysAgo: number
  pinned?: boolean
  /** Replies by members who read it; `hidden`: hidden by the group's owner. */
  replies?: { text: string; hidden?: boolean }[]
}

const ANNOUNCEMENTS: Record<string, AnnouncementSpec[]> = {
  yc: [
    {
      title: '「阳城青年」社群使用须知',
      body: '欢迎加入共青团阳城县委的「阳城青年」社群！这里发布团县委的通知、青年之家的活动和各类招募。各乡镇团委、村（社区）团支部的网群都在本群之下，请大家在「社群」里加入自己所在乡镇和村的网群。发言请文明友善，不发广告。',
      daysAgo: 80,
      pinned: true,
      replies: [{ text: '收到，已经加入了润城镇的网群。' }, { text: '出售二手手机和充电宝，价格优惠，有意私聊。', hidden: true }],
    },
    {
      title: '「益币兑福利」物资到货啦',
      body: '润丰粮油、金穗面粉、文华文具、同心超市四家爱心企业捐赠的大米、面粉和学生文具已经送到润城镇青年之家兑换点和县青少年活动中心。参加志愿服务获得的益币可以在小程序「益币商城」兑换，兑换后凭领取码到兑换点领取。',
      daysAgo: 33,
      replies: [{ text: '感谢爱心企业！周末就去兑。' }, { text: '请问兑换点周六开门吗？' }],
    },
    {
      title: '「青春兴晋·学子归巢」寒假返乡实践招募',
      body: '团县委面向阳城籍在读大学生招募寒假返乡实践生，到各乡镇团委兼任团委干事，参与基层团建、乡村振兴和文明城市创建。有意者请在本月底前联系所在乡镇团委报名。',
      daysAgo: 12,
    },
    {
      title: '「青暖农心」助农公益直播本周六开播',
      body: '本周六晚七点，团县委联合电商团工委在县电子商务公共服务中心直播间开展助农公益直播，推介阳城蚕茧、山茱萸和小米。各级团干部化身「团小花」上阵，也欢迎大家进直播间支持。',
      daysAgo: 2,
    },
  ],
  yuci: [
    {
      title: '欢迎加入「榆次青年」',
      body: '团区委的塔群式网上社群已经覆盖各乡镇（街道）和社会领域团组织。请在「社群」里加入所在街道、社区（村）的团组织网群，及时接收团区委的通知和活动。',
      daysAgo: 78,
      pinned: true,
    },
    {
      title: '团代表联络站每周三下午开放',
      body: '本月起，区团代表联络站总站和各片区分站每周三下午对全区团员青年开放。欢迎带着意见建议来站里和团代表面对面交流，也可以在站里参加读书、艺术和志愿活动。',
      daysAgo: 20,
      replies: [{ text: '锦纶街道的站在哪里？想去看看。' }],
    },
    {
      title: '青年应急救援队招募新队员',
      body: '区青年应急救援队面向全区招募新队员，退伍军人和有救援技能的青年优先。入队后参加防疫消杀、水域救援、森林防火等专业培训，报名请在「社群」里申请加入「榆次区青年应急救援队」。',
      daysAgo: 6,
    },
  ],
  'yc-rc': [
    {
      title: '润城镇青年之家兑换点开放时间',
      body: '兑换点设在镇团委一楼（中心街18号），周一至周五 9:00-17:00，核销员王秀兰。益币兑换的米面请在7天内凭领取码领取，过期自动退回益币。',
      daysAgo: 30,
      pinned: true,
    },
    {
      title: '上庄村秋收助农活动小结',
      body: '感谢参加上庄村玉米秋收的各位青年！这次一共帮12户留守老人抢收了玉米，大家的服务时长已经审核，益币已发放到账，可以在小程序里查看。',
      daysAgo: 9,
      replies: [{ text: '大爷大娘还给我们煮了红薯，太暖心了。' }, { text: '明年秋收还报名！' }, { text: '加微信领红包，代刷流量，私聊。', hidden: true }],
    },
    {
      title: '沁河润城段河道清洁行动报名',
      body: '本周日上午八点在润城大桥东侧集合，清理河滩垃圾，手套和垃圾袋由镇团委准备。报名请在小程序「活动」里找这次活动。',
      daysAgo: 1,
    },
  ],
  reading: [
    {
      title: '本月共读：《平凡的世界》',
      body: '本月共读路遥的《平凡的世界》第一部，每周六下午三点在润城镇青年之家二楼阅览室分享。新朋友来之前在群里说一声，方便准备座位和书。',
      daysAgo: 20,
      pinned: true,
      replies: [{ text: '高中读过，想再读一遍！' }],
    },
    {
      title: '读书会的三条约定',
      body: '一、每次分享控制在十分钟以内，给别人留时间；二、书可以在青年之家借，看完按时还；三、不在群里发与读书无关的广告。',
      daysAgo: 45,
    },
  ],
  'ecommerce-live': [
    {
      title: '电商技能培训第19期下周一开课',
      body: '电商团工委第19期电商技能培训下周一开课，内容是直播间搭建、短视频拍摄和剪辑，连续三个晚上，在县电子商务公共服务中心。名额40个，报名请找群管理员。',
      daysAgo: 15,
      replies: [{ text: '没有基础可以参加吗？' }, { text: '上一期我参加过，零基础也能学会，带上手机就行。' }],
    },
    {
      title: '助农直播选品会',
      body: '本周四下午两点在电商公共服务中心开选品会，合作社带样品来，大家一起定下周助农直播的货。',
      daysAgo: 3,
    },
  ],
}

/** Two for every township group without its own: what every 团委 posts. */
const TOWNSHIP_ANNOUNCEMENTS = (org: string, place: string): AnnouncementSpec[] => [
  { title: `${org}关于做好秋冬季森林防火宣传的通知`, body: `各村（社区）团支部：进入秋冬季，森林防火形势严峻。请各团支部组织团员青年在集市、村口张贴防火宣传单，提醒乡亲们不在林区用火，发现火情立即拨打119。`, daysAgo: 40 },
  { title: `${place}青年之家本月活动安排`, body: `本月青年之家每周六开放：第一周手工课，第二周电影放映，第三周篮球友谊赛，第四周团员教育评议。具体时间看各村团支部的通知。`, daysAgo: 8 },
]

// ---------------------------------------------------------------------------------------------
// Building it

export interface CommunitySeedSummary {
  groups: number
  memberships: number
  announcements: number
}

type MembershipDraft = Omit<MembershipDoc, 'rev' | 'seat' | 'reached' | 'reachDue'>

const hashBytes = (key: string) => createHash('sha256').update(key).digest()

/** The county's group of each tower: written last, so a run cut short is finished by the next one. */
const towerTopIds = (orgs: OrgDoc[]) => orgs.filter((o) => o.kind === 'county').map((o) => groupIdFor(makerOf([o._id]), uuidFrom(`seed-group|${o._id}`)))

/**
 * Writes the groups of both counties, the memberships of `youth` (and of the personas), and the
 * announcements, once; answers what the seed holds either way.
 */
export function seedCommunity(store: SeedStore, secrets: Secrets, now: number, orgs: OrgDoc[], youth: SeedYouth[], picture: SeedPictures = () => null): CommunitySeedSummary {
  const written = towerTopIds(orgs).every((id) => store.get(COLLECTIONS.groups, id))
  const w = buildCommunity(secrets, now, orgs, youth, written ? () => null : picture)
  const summary = { groups: w.groups.length, memberships: w.settled.memberships.length, announcements: w.announcements.length }
  if (written) return summary
  const put = (coll: string, docs: Array<{ _id: string }>) => {
    for (const d of docs) store.upsert(coll, { ...d })
  }
  put(COLLECTIONS.memberships, w.settled.memberships)
  put(COLLECTIONS.groupSeats, w.settled.seats)
  put(COLLECTIONS.groupReach, w.settled.coverage)
  put(COLLECTIONS.announcements, w.announcements)
  put(COLLECTIONS.announcementReads, w.reads)
  put(COLLECTIONS.announcementReplies, w.replies)
  const tops = new Set(towerTopIds(orgs))
  put(COLLECTIONS.groups, w.groups.filter((g) => !tops.has(g._id)))
  put(COLLECTIONS.groups, w.groups.filter((g) => tops.has(g._id)))
  return summary
}

function buildCommunity(secrets: Secrets, now: number, orgs: OrgDoc[], youth: SeedYouth[], picture: SeedPictures) {
  const r = prng(9)
  const orgById = new Map(orgs.map((o) => [o._id, o]))
  const month = monthStart(now)
  const clampNow = (t: number) => Math.min(now, Math.round(t / 60_000) * 60_000)

  // Groups, parents before children, as createGroup would have stored them.
  const specs = [...towerSpecs(orgs), ...THEMED, ...allianceSpecs(), ...TEAMS]
  const byKey = new Map<string, GroupDoc>()
  for (const s of specs) {
    const org = orgById.get(s.orgId)
    if (!org) throw new Error(`seed group ${s.key} names unknown org ${s.orgId}`)
    const parent = s.parent ? byKey.get(s.parent) : null
    if (s.parent && !parent) throw new Error(`seed group ${s.key}: parent ${s.parent} comes later or is missing`)
    const underOrgs = chainOf(org)
    const maker = makerOf(underOrgs)
    const createdAt = clampNow(MADE_FROM + s.day * DAY_MS + (byKey.size % 7) * HOUR)
    const coverId = s.cover === undefined ? null : picture(maker, `group|${s.key}`, s.cover)
    const fields = { orgId: org._id, parentGroupId: parent?._id ?? null, name: s.name, kind: s.kind, tags: s.tags, description: s.description, cover: coverId, joinPolicy: s.joinPolicy, capacity: s.capacity, chatQr: null }
    const g: GroupDoc = {
      _id: groupIdFor(maker, uuidFrom(`seed-group|${s.key}`)),
      ...(parent ? childPlacement(parent) : ROOT_PLACEMENT),
      ...editableFields(fields),
      // Drawn by the seed, so nothing waits for a check.
      cover: coverId,
      coverCheck: coverId ? 'pass' : null,
      coverTrace: null,
      chatQr: null,
      chatQrCheck: null,
      chatQrTrace: null,
      inviteCode: inviteCodeFor(s.joinPolicy, null, () => newGroupInviteCode((n) => hashBytes(`seed-invite|${s.key}`).subarray(0, n))),
      orgId: org._id,
      underOrgs,
      orgTop: isOrgTop(org._id, parent ?? null),
      requestHash: requestHash(fields),
      createdBy: maker,
      createdAt,
      updatedAt: createdAt,
    }
    byKey.set(s.key, g)
  }
  const groups = [...byKey.values()]
  const groupsById = new Map(groups.map((g) => [g._id, g]))

  // People.
  const chainOfOrg = (orgId: string) => {
    const o = orgById.get(orgId)!
    return chainOf(o)
  }
  const people: Person[] = youth.map((y) => {
    const chain = chainOfOrg(y.orgId)
    const township = chain.find((id) => orgById.get(id)?.kind === 'township') ?? null
    return {
      openid: y.openid,
      userId: userIdFor(secrets, y.openid),
      realName: y.realName,
      orgId: y.orgId,
      sector: y.sector,
      county: chain[0],
      township,
      facts: { interests: y.interests, skills: y.skills, needs: y.needs, sector: y.sector, countyId: chain[0], township: null },
    }
  })
  const nameOf = new Map<string, string>([...Object.entries(PERSONA_NAMES).map(([o, n]) => [userIdFor(secrets, o), n] as [string, string]), ...people.map((p) => [p.userId, p.realName] as [string, string])])

  // Memberships.
  const drafts = new Map<string, MembershipDraft>()
  /** The active memberships of each group, in the order they came in. */
  const inGroup = new Map<string, string[]>()
  const active = (groupId: string) => (inGroup.get(groupId) ?? []).map((id) => drafts.get(id)!)
  const add = (g: GroupDoc, who: { openid: string; userId: string }, how: { role: MembershipDoc['role']; status: 'active' | 'pending'; at: number; message?: string; subscribed?: boolean }) => {
    const base = startMembership(g, who, null, { role: how.role, status: how.status, message: how.message ?? '' }, how.at)
    if (drafts.has(base._id)) return
    if (how.status === 'active') {
      // A limited group keeps its last place free for whoever tries the demo (the owner always has one).
      const taken = inGroup.get(g._id) ?? []
      if (g.capacity !== null && taken.length >= g.capacity - (how.role === 'owner' ? 0 : 1)) return
      inGroup.set(g._id, [...taken, base._id])
    }
    const approved = how.status === 'active' && g.joinPolicy === 'approval' && how.role !== 'owner'
    // An approved request was asked a little before it was let in, by the group's owner.
    const requestedAt = approved ? Math.max(g.createdAt, how.at - Math.round(r() * 2 * DAY_MS)) : how.at
    drafts.set(base._id, {
      ...base,
      requestedAt,
      joinedAt: how.status === 'active' ? how.at : null,
      reviewedBy: approved ? g.createdBy : null,
      subscribed: how.subscribed ?? false,
    })
  }
  const joinTime = (g: GroupDoc) => {
    const from = Math.max(g.createdAt + HOUR, now - JOIN_SPAN_MS)
    if (from >= now) return now
    const t = r() < THIS_MONTH_SHARE && month > from ? month + r() * (now - month) : from + r() * (now - from)
    return clampNow(t)
  }
  const requestTime = (g: GroupDoc) => clampNow(Math.max(g.createdAt + HOUR, now - 10 * DAY_MS + r() * 10 * DAY_MS))

  for (const g of groups) add(g, { openid: g.createdBy, userId: userIdFor(secrets, g.createdBy) }, { role: 'owner', status: 'active', at: g.createdAt })
  for (const p of PERSONA_MEMBERSHIPS) {
    const g = byKey.get(p.group)!
    add(g, { openid: p.openid, userId: userIdFor(secrets, p.openid) }, { role: p.role ?? 'member', status: 'active', at: clampNow(Math.max(g.createdAt + HOUR, now - p.daysAgo * DAY_MS)), subscribed: p.subscribed })
  }

  const towerShare = (s: GroupSpec, y: Person) => {
    if (s.key === y.county) return 0.45
    if (s.key === y.township) return 0.85
    if (s.key === y.orgId) return 0.8
    return 0
  }
  /**
   * The weight of the strongest match between a youth and a group, as matchesOf finds it: each item
   * of a profile (an interest, a skill, a need, the sector) matches on its own, so each is asked once
   * per group and remembered — 300 youth ask about the same few dozen words.
   */
  const asked = new Map<string, number>()
  const NO_FACTS: YouthFacts = { interests: [], skills: [], needs: [], sector: 'other', countyId: '', township: null }
  const weightOf = (g: GroupDoc, item: string, facts: Partial<YouthFacts>) => {
    const key = `${g._id}|${item}`
    let w = asked.get(key)
    if (w === undefined) {
      w = Math.max(0, ...matchesOf({ ...NO_FACTS, ...facts }, g).map((m) => m.weight))
      asked.set(key, w)
    }
    return w
  }
  const strongest = (g: GroupDoc, y: YouthFacts) =>
    Math.max(
      0,
      ...y.interests.map((w) => weightOf(g, `i:${w}`, { interests: [w] })),
      ...y.skills.map((w) => weightOf(g, `s:${w}`, { skills: [w] })),
      ...y.needs.map((n) => weightOf(g, `n:${n}`, { needs: [n] })),
      weightOf(g, `c:${y.sector}`, { sector: y.sector }),
    )
  /** A themed group's members: those whose profile matches it, the stronger the likelier; a few others in open ones. */
  const profileShare = (g: GroupDoc, y: Person) => {
    const best = strongest(g, y.facts)
    if (best >= 24) return 0.6
    if (best >= 16) return 0.4
    if (best > 0) return 0.25
    return g.joinPolicy === 'open' ? 0.02 : 0
  }
  for (const s of specs) {
    const g = byKey.get(s.key)!
    for (const y of people) {
      if (y.county !== g.underOrgs[0]) continue
      const share = s.share ? s.share(y) : s.kind === 'org_group' ? towerShare(s, y) : profileShare(g, y)
      if (r() >= share) continue
      const who = { openid: y.openid, userId: y.userId }
      if (s.joinPolicy === 'approval' && r() < (s.pending ?? 0)) {
        add(g, who, { role: 'member', status: 'pending', at: requestTime(g), message: s.kind === 'org_group' ? REQUEST_MESSAGES[Math.floor(r() * REQUEST_MESSAGES.length)] : '' })
      } else {
        add(g, who, { role: 'member', status: 'active', at: joinTime(g), subscribed: r() < 0.3 })
      }
    }
    if (s.youthAdmin) {
      // The first youth who came in runs the group day to day (setMemberRole by its owner).
      const first = active(g._id)
        .filter((m) => m.role === 'member' && m.openid.startsWith('seed-youth-'))
        .sort((a, b) => a.joinedAt! - b.joinedAt!)[0]
      if (first) drafts.set(first._id, { ...first, role: 'admin', updatedAt: Math.min(now, first.joinedAt! + HOUR) })
    }
  }
  // An alliance gathers its associations' admins (invited with its code).
  for (const a of ALLIANCES) {
    const alliance = byKey.get(a.key)!
    for (let i = 0; i < a.associations.length; i++) {
      const head = active(byKey.get(`${a.key}-${i + 1}`)!._id).find((m) => m.role === 'admin')
      if (head) add(alliance, head, { role: 'member', status: 'active', at: joinTime(alliance) })
    }
  }

  // Announcements, their reads (each raising lastActiveAt) and replies.
  const announcements: AnnouncementDoc[] = []
  const reads: AnnouncementReadDoc[] = []
  const replies: ReplyDoc[] = []
  const lastActive = new Map<string, number>()
  const posted = Object.entries(ANNOUNCEMENTS).concat(
    specs.filter((s) => s.kind === 'org_group' && s.parent !== null && orgById.get(s.key)?.kind === 'township' && !ANNOUNCEMENTS[s.key]).map((s) => [s.key, TOWNSHIP_ANNOUNCEMENTS(orgById.get(s.key)!.name, placeName(orgById.get(s.key)!.name))] as [string, AnnouncementSpec[]]),
  )
  for (const [key, list] of posted) {
    const g = byKey.get(key)!
    const members = active(g._id)
    list.forEach((spec, i) => {
      const publishedAt = clampNow(Math.max(g.createdAt + HOUR, now - spec.daysAgo * DAY_MS - (i + 1) * 3 * HOUR))
      const author = g.createdBy
      const requestId = uuidFrom(`seed-announcement|${key}|${i}`)
      const fields = { groupId: g._id, title: spec.title, body: spec.body, images: [], pinned: spec.pinned ?? false }
      const id = announcementIdFor(author, requestId)
      // Those in the group when it was posted read it more often than those who came later.
      const readers = members
        .filter((m) => m.openid !== author && r() < (m.joinedAt! <= publishedAt ? 0.6 : 0.2))
        .map((m) => ({ m, at: clampNow(Math.max(publishedAt, m.joinedAt!) + r() * Math.min(5 * DAY_MS, now - Math.max(publishedAt, m.joinedAt!))) }))
      for (const { m, at } of readers) {
        reads.push({ _id: readIdFor(id, m.userId), announcementId: id, groupId: g._id, userId: m.userId, readAt: at })
        lastActive.set(m._id, Math.max(lastActive.get(m._id) ?? 0, at))
      }
      const said = (spec.replies ?? []).flatMap((reply, j) => {
        const by = readers[j]
        if (!by) return []
        const createdAt = clampNow(by.at + 10 * 60_000)
        const doc: ReplyDoc = {
          _id: replyIdFor(by.m.openid, uuidFrom(`seed-reply|${key}|${i}|${j}`)),
          announcementId: id,
          groupId: g._id,
          authorOpenid: by.m.openid,
          authorUserId: by.m.userId,
          authorName: nameOf.get(by.m.userId) ?? '',
          text: reply.text,
          hidden: reply.hidden ?? false,
          hiddenBy: reply.hidden ? author : null,
          requestHash: requestHash({ announcementId: id, text: reply.text }),
          createdAt,
          updatedAt: reply.hidden ? clampNow(createdAt + HOUR) : createdAt,
        }
        return [doc]
      })
      replies.push(...said)
      announcements.push({
        _id: id,
        groupId: g._id,
        orgId: g.orgId,
        underOrgs: g.underOrgs,
        title: spec.title,
        body: spec.body,
        images: [],
        imageTraces: [],
        status: 'published',
        pinned: spec.pinned ?? false,
        authorOpenid: author,
        authorName: nameOf.get(userIdFor(secrets, author)) ?? g.name,
        publishedAt,
        memberCount: members.filter((m) => m.joinedAt! <= publishedAt).length,
        readCount: readers.length,
        replyCount: said.filter((x) => !x.hidden).length,
        requestHash: requestHash(fields),
        createdAt: publishedAt,
        updatedAt: Math.max(publishedAt, ...said.map((x) => x.updatedAt)),
      })
    })
  }
  for (const [id, at] of lastActive) drafts.set(id, { ...drafts.get(id)!, lastActiveAt: at })

  const settled = settledDocs(groupsById, [...drafts.values()])
  return { groups, settled, announcements, reads, replies }
}
