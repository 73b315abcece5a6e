import { Text, View } from '@tarojs/components'
import type { AnnouncementViewT } from '../../../../../types/contract/community'
import { ListFooter } from '../../../../components/load-more'
import { ListRetry } from '../../../../components/list-retry'
import { ToneTag } from '../../../../components/tone-tag'
import type { PagedList } from '../../../../hooks/use-paged-list'
import { goGroupPage } from '../../../../pages/groups/links'
import { formatShortDateTime } from '../../../../utils/time'

/** What an admin sees of an announcement members cannot see yet (or will never see). */
export const ANNOUNCEMENT_STATUS_LABELS = { pending: '图片审核中', withdrawn: '未通过审核' } as const

/** 「已读 12 / 40」: for the group's admins and the cadres (members get null). */
export function readsText(a: Pick<AnnouncementViewT, 'readCount' | 'memberCount'>): string | null {
  if (a.readCount === null) return null
  return a.memberCount === null ? `已读 ${a.readCount}` : `已读 ${a.readCount} / ${a.memberCount}`
}

/** The group's announcements, pinned ones first (the server's order), each with its unread dot. */
export function AnnouncementList({ list, now }: { list: PagedList<AnnouncementViewT>; now: number }) {
  return (
    <View id='group-announcements-list'>
      {list.items.map((a) => {
        const reads = readsText(a)
        return (
          <View key={a.id} id={`announcement-${a.id}`} className='tq-list-item tq-group-announcement' hoverClass='tq-pressed' onClick={() => goGroupPage('announcement', { id: a.id })}>
            <View className='tq-row tq-group-announcement__head'>
              {!a.read ? <View className='tq-group-announcement__dot' id={`announcement-${a.id}-unread`} aria-label='未读' /> : null}
              {a.pinned ? (
                <ToneTag tone='red' solid id={`announcement-${a.id}-pinned`}>
                  置顶
                </ToneTag>
              ) : null}
              {a.status !== 'published' ? <ToneTag tone={a.status === 'pending' ? 'orange' : 'grey'}>{ANNOUNCEMENT_STATUS_LABELS[a.status]}</ToneTag> : null}
              <Text className='tq-list-item__title tq-grow'>{a.title}</Text>
            </View>
            <Text className='tq-list-item__meta'>{`${a.authorName} · ${formatShortDateTime(a.publishedAt, now)} · 回复 ${a.replyCount}`}</Text>
            {reads ? (
              <Text className='tq-list-item__meta' id={`announcement-${a.id}-reads`}>
                {reads}
              </Text>
            ) : null}
          </View>
        )
      })}
      <ListFooter list={list} id='group-announcements-more' emptyText='还没有公告' />
      <ListRetry list={list} id='group-announcements-retry' />
    </View>
  )
}
