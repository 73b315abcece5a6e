import { useCallback, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { AnnouncementViewT } from '../../../../../types/contract/community'
import { ListFooter } from '../../../../components/load-more'
import { Notice } from '../../../../components/notice'
import { ToneTag } from '../../../../components/tone-tag'
import { useListPage } from '../../../../hooks/use-list-page'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { toApiError } from '../../../../services/api'
import { communityApi } from '../../../../services/api/community'
import { formatShortDateTime } from '../../../../utils/time'
import { goCommunity } from '../tower/links'
import { ListRetry } from '../../../../components/list-retry'
import { announcementState, readText } from './format'

/** 公告: pinned first, each with how many members read it; pin or unpin, post a new one. */
export function AnnouncementsTab({ groupId, groupName }: { groupId: string; groupName: string }) {
  const fetchPage = useCallback((cursor?: string) => communityApi.listAnnouncements({ groupId, cursor }), [groupId])
  const list = usePagedList<AnnouncementViewT>(fetchPage, 'community.listAnnouncements')
  // Back from posting (or from an announcement, read counts risen): the list is asked again.
  useListPage(list, { reloadOnShow: true })
  const [busy, setBusy] = useState('')
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)

  const pin = async (a: AnnouncementViewT) => {
    if (busy) return
    setNotice(null)
    setBusy(a.id)
    try {
      await communityApi.pinAnnouncement({ announcementId: a.id, pinned: !a.pinned })
      setNotice({ kind: 'success', text: a.pinned ? `已取消置顶「${a.title}」。` : `已置顶「${a.title}」。` })
      await list.reload()
    } catch (e) {
      setNotice({ kind: 'error', text: toApiError(e, 'community.pinAnnouncement').message })
    } finally {
      setBusy('')
    }
  }

  return (
    <View id='manage-announcements'>
      <Button id='announcement-new' className='tq-button' type='primary' size='large' block onClick={() => goCommunity('post', { groupId, groupName })}>
        发布公告
      </Button>
      <Notice kind={notice?.kind ?? 'error'} id='announcements-notice'>
        {notice?.text}
      </Notice>
      {list.items.map((a) => {
        const state = announcementState(a)
        const read = readText(a)
        return (
          <View key={a.id} id={`announcement-${a.id}`} className='tq-list-item tq-manage__row'>
            <View className='tq-row'>
              {a.pinned ? <ToneTag tone='red' solid>置顶</ToneTag> : null}
              {state ? (
                <ToneTag tone={state.tone} id={`announcement-${a.id}-state`}>
                  {state.text}
                </ToneTag>
              ) : null}
              <Text className='tq-list-item__title tq-grow'>{a.title}</Text>
            </View>
            <Text className='tq-list-item__meta'>{`${a.authorName} · ${formatShortDateTime(a.publishedAt)}${a.imageUrls.length ? ` · ${a.imageUrls.length}张图片` : ''}`}</Text>
            <View className='tq-row'>
              {read ? (
                <Text className='tq-manage__read' id={`announcement-${a.id}-read`}>
                  {read}
                </Text>
              ) : null}
              <Text className='tq-muted'>{`回复 ${a.replyCount}`}</Text>
            </View>
            <View className='tq-row tq-manage__buttons'>
              <Button id={`announcement-pin-${a.id}`} fill='outline' loading={busy === a.id} disabled={!!busy} onClick={() => void pin(a)}>
                {a.pinned ? '取消置顶' : '置顶'}
              </Button>
              <Button id={`announcement-open-${a.id}`} fill='outline' onClick={() => goCommunity('announcement', { id: a.id })}>
                查看和回复
              </Button>
            </View>
          </View>
        )
      })}
      <ListFooter list={list} id='announcements-more' emptyText='还没有公告，点「发布公告」发第一条吧' />
      <ListRetry list={list} id='announcements-retry' />
    </View>
  )
}
