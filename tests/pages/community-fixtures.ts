import type { AnnouncementViewT, GroupCardT, GroupDetailT, MembershipViewT, ReplyViewT } from '../../types/contract/community'
import type { communityContract } from '../../types/contract/community'
import { mockedActions } from './api-mock'

/** The community function's mocked actions (see api-mock.ts): `community.openGroup.mockResolvedValue(…)`. */
export const community = mockedActions.community as Record<keyof typeof communityContract.actions, jest.Mock>

const T0 = Date.UTC(2026, 10, 1, 2, 0, 0) // 2026-11-01 10:00 in Shanghai

/** 城关镇摄影爱好者 in discover and search: an open interest group of 城关镇团委 with room left. */
export function groupCard(over: Partial<GroupCardT> = {}): GroupCardT {
  return {
    id: 'g-photo',
    name: '城关镇青年摄影社',
    kind: 'interest',
    tags: ['摄影', '采风'],
    description: '每月一次外出采风，交流手机和相机摄影。',
    coverUrl: null,
    orgName: '城关镇团委',
    joinPolicy: 'open',
    capacity: 50,
    members: 12,
    ...over,
  }
}

export function membership(over: Partial<MembershipViewT> = {}): MembershipViewT {
  return {
    id: 'm-li-photo',
    groupId: 'g-photo',
    role: 'member',
    status: 'active',
    requestedAt: T0,
    joinedAt: T0,
    reason: null,
    subscribed: false,
    ...over,
  }
}

/** The group's page as a youth who has not joined sees it (no chat QR, nothing to manage). */
export function groupDetail(over: Partial<GroupDetailT> = {}): GroupDetailT {
  return {
    ...groupCard(),
    parentId: null,
    parentName: null,
    chatQrUrl: null,
    membership: null,
    canManage: false,
    reach: 12,
    ...over,
  }
}

/** The same page for an active member: the chat QR is there. */
export function memberDetail(over: Partial<GroupDetailT> = {}): GroupDetailT {
  return groupDetail({ membership: membership(), chatQrUrl: 'https://tmp.example/chat-qr.png', members: 13, reach: 13, ...over })
}

/** An announcement as a member sees it (no read counts). */
export function announcement(over: Partial<AnnouncementViewT> = {}): AnnouncementViewT {
  return {
    id: 'n-1',
    groupId: 'g-photo',
    title: '11月采风活动安排',
    body: '本周六上午9点在城关镇文化广场集合。\n请带好相机或手机。',
    imageUrls: [],
    status: 'published',
    pinned: false,
    authorName: '王社长',
    publishedAt: T0,
    readCount: null,
    memberCount: null,
    replyCount: 0,
    read: true,
    ...over,
  }
}

export function reply(over: Partial<ReplyViewT> = {}): ReplyViewT {
  return {
    id: 'r-1',
    announcementId: 'n-1',
    authorName: '张晓',
    text: '收到，准时到。',
    hidden: false,
    createdAt: T0 + 60_000,
    mine: false,
    ...over,
  }
}

export const page = <T>(items: T[], nextCursor: string | null = null) => ({ items, nextCursor })
