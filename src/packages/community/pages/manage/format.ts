import { MEMBER_ROLE_LABELS, type AnnouncementViewT, type MemberViewT } from '../../../../../types/contract/community'
import { SECTOR_LABEL, type Sector } from '../../../../../types/enums'
import type { Tone } from '../../../../components/tone-tag'

/** 润城镇团委 · 电子商务: where an applicant or member comes from, as far as the profile says. */
export function memberOrigin(m: Pick<MemberViewT, 'townshipName' | 'sector'>): string {
  const sector = m.sector ? (SECTOR_LABEL[m.sector as Sector] ?? m.sector) : null
  return [m.townshipName, sector].filter(Boolean).join(' · ') || '未填写乡镇和行业'
}

export const ROLE_TONE: Record<MemberViewT['role'], Tone> = { owner: 'red', admin: 'orange', member: 'grey' }

export function roleLabel(role: MemberViewT['role']): string {
  return MEMBER_ROLE_LABELS[role]
}

/**
 * What an admin sees of an announcement members may not see yet: its pictures still being checked,
 * or taken down because one failed. Published ones need no word.
 */
export function announcementState(a: Pick<AnnouncementViewT, 'status'>): { text: string; tone: Tone } | null {
  if (a.status === 'pending') return { text: '图片审核中', tone: 'orange' }
  if (a.status === 'withdrawn') return { text: '未通过审核', tone: 'red' }
  return null
}

/** 已读 12 / 40 (members when it was published). */
export function readText(a: Pick<AnnouncementViewT, 'readCount' | 'memberCount'>): string | null {
  if (a.readCount === null) return null
  return a.memberCount === null ? `已读 ${a.readCount}` : `已读 ${a.readCount} / ${a.memberCount}`
}
