import { idCheckChar } from '../../types/contract/common'
import { NEEDS, SECTORS, type Gender, type Need, type Sector } from '../../types/enums'

/** Deterministic demo youth: the same seed gives the same people, so seeding twice changes nothing. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁宋谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'
const GIVEN = '晓青雨佳欣怡浩然子涵梓轩一诺宇航思远文博俊杰婷婷丽娜建华志强海燕春梅国栋晨阳嘉豪欣妍雅琪鹏飞亚楠'

const SKILLS = ['直播带货', '短视频剪辑', '摄影', '驾驶', '电工', '急救', '英语', '书法', '计算机', '会计', '农技', '烹饪', '心理咨询', '法律', '绘画', '舞蹈', '声乐', '篮球']
const INTERESTS = ['读书', '跑步', '篮球', '羽毛球', '登山', '旅行', '音乐', '电影', '手工', '志愿服务', '摄影', '桌游', '骑行', '广场舞', '象棋']

export interface SeedYouth {
  openid: string
  realName: string
  gender: Gender
  birthDate: string
  phone: string
  orgId: string
  sector: Sector
  skills: string[]
  interests: string[]
  needs: Need[]
  leagueMember: boolean
  /** 居民身份证号: on file for everyone in the demo, so 实名 activities are open to them. */
  idNumber?: string
}

/** A valid resident ID number for a birth date and sex: region (阳城县 140522, 榆次区 140702), date, sequence, check digit. */
export function residentIdNumber(birthDate: string, gender: Gender, seq = 12, region = '140522'): string {
  const body = `${region}${birthDate.replace(/-/g, '')}${String(seq % 100).padStart(2, '0')}${gender === 'male' ? 1 : 2}`
  return body + idCheckChar(body)
}

/** The region code of an org's county, for demo ID numbers. */
export function regionOf(orgId: string): string {
  return orgId.startsWith('yuci') ? '140702' : '140522'
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]
}

function some<T>(r: () => number, xs: readonly T[], max: number): T[] {
  const n = Math.floor(r() * (max + 1))
  const out = new Set<T>()
  while (out.size < n) out.add(pick(r, xs))
  return [...out]
}

export function generateYouth(count: number, orgIds: string[], seed = 2022): SeedYouth[] {
  const r = prng(seed)
  const out: SeedYouth[] = []
  for (let i = 0; i < count; i++) {
    const age = 16 + Math.floor(r() * 20) // 16–35
    const year = 2026 - age
    const month = 1 + Math.floor(r() * 12)
    const day = 1 + Math.floor(r() * 28)
    const sector = pick(r, SECTORS)
    const gender: Gender = r() < 0.5 ? 'male' : 'female'
    const birthDate = `${year - 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    const orgId = pick(r, orgIds)
    out.push({
      openid: `seed-youth-${String(i + 1).padStart(4, '0')}`,
      realName: pick(r, [...SURNAMES]) + pick(r, GIVEN.match(/../g) ?? ['晓青']),
      gender,
      birthDate,
      phone: `1${pick(r, ['35', '38', '39', '58', '86', '77', '99'])}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
      orgId,
      sector,
      skills: some(r, SKILLS, 3),
      interests: some(r, INTERESTS, 3),
      needs: some(r, NEEDS, 2),
      leagueMember: age <= 28 && r() < 0.7,
      idNumber: residentIdNumber(birthDate, gender, i, regionOf(orgId)),
    })
  }
  return out
}
