import { useCallback, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import type { ReplyViewT } from '../../../../../types/contract/community'
import type { ErrorCode } from '../../../../../types/errors'
import { ListFooter } from '../../../../components/load-more'
import { ListRetry } from '../../../../components/list-retry'
import { LoadState } from '../../../../components/load-state'
import { Notice } from '../../../../components/notice'
import { PageShell, Section } from '../../../../components/page-shell'
import { ToneTag } from '../../../../components/tone-tag'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { useNow, usePageParams } from '../../../../hooks/use-page-params'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { toApiError } from '../../../../services/api'
import { communityApi } from '../../../../services/api/community'
import { backToGroups } from '../../../../pages/groups/links'
import { cx } from '../../../../utils/cx'
import { previewImages } from '../../../../utils/platform'
import { formatDateTime, formatShortDateTime } from '../../../../utils/time'
import { ANNOUNCEMENT_STATUS_LABELS, readsText } from '../group/announcement-list'
import { ReplyBox } from './reply-box'
import './index.scss'

/** Nothing to retry: the announcement is gone, or the youth is not (or no longer) in its group. */
const GONE = new Set<ErrorCode>(['ANNOUNCEMENT.NOT_FOUND', 'GROUP.NOT_MEMBER', 'GROUP.NOT_FOUND'])

/**
 * One announcement: opening it counts the youth's read (once, however often it is opened), then the
 * title, text and pictures, the replies with a box to add one. The group's admins and the cadres see
 * 「已读 12 / 40」 and may hide a reply; a hidden reply stays visible, greyed, to its author and to them.
 */
export default function AnnouncementPage() {
  const { id } = usePageParams('id')
  const now = useNow()
  const load = useCallback(() => communityApi.readAnnouncement({ announcementId: id }), [id])
  const page = usePageLoad(id ? load : null, 'community.readAnnouncement')
  const a = page.data?.announcement ?? null
  const fetchReplies = useCallback((cursor?: string) => communityApi.listReplies({ announcementId: id, cursor }), [id])
  const replies = usePagedList(a ? fetchReplies : null, 'community.listReplies')
  // Replies changed on this page (sent, hidden, shown) over what the list last fetched.
  const [changed, setChanged] = useState<Record<string, ReplyViewT>>({})
  const [sent, setSent] = useState<ReplyViewT[]>([])
  const [hideBusy, setHideBusy] = useState<string | null>(null)
  const [hideError, setHideError] = useState('')

  if (!id || !a) {
    return (
      <PageShell id='page-announcement'>
        {!id ? (
          <Notice>没有找到这条公告。</Notice>
        ) : (
          <LoadState
            state={page}
            errorId='announcement-load-error'
            retryId='announcement-retry'
            action={
              page.error && GONE.has(page.error.code) ? (
                <Button id='announcement-back' className='tq-button' size='large' block onClick={backToGroups}>
                  返回
                </Button>
              ) : undefined
            }
          />
        )}
      </PageShell>
    )
  }

  const manager = a.readCount !== null
  const reads = readsText(a)
  const fetched = new Set(replies.items.map((r) => r.id))
  const shown = [...replies.items, ...sent.filter((r) => !fetched.has(r.id))].map((r) => changed[r.id] ?? r)

  const onSent = (reply: ReplyViewT) => {
    setSent((s) => [...s, reply])
    page.setData((d) => (d ? { announcement: { ...d.announcement, replyCount: d.announcement.replyCount + 1 } } : d))
  }

  const setHidden = async (reply: ReplyViewT, hidden: boolean) => {
    if (hideBusy) return
    setHideBusy(reply.id)
    setHideError('')
    try {
      const { reply: next } = await communityApi.hideReply({ replyId: reply.id, hidden })
      setChanged((c) => ({ ...c, [next.id]: next }))
      // replyCount counts the replies members see.
      if (next.hidden !== reply.hidden) page.setData((d) => (d ? { announcement: { ...d.announcement, replyCount: Math.max(0, d.announcement.replyCount + (next.hidden ? -1 : 1)) } } : d))
    } catch (e) {
      setHideError(toApiError(e, 'community.hideReply').message)
    } finally {
      setHideBusy(null)
    }
  }

  return (
    <PageShell id='page-announcement'>
      <View className='tq-announcement__head'>
        <View className='tq-row'>
          {a.pinned ? <ToneTag tone='red' solid>置顶</ToneTag> : null}
          {a.status !== 'published' ? (
            <ToneTag tone={a.status === 'pending' ? 'orange' : 'grey'} id='announcement-status'>
              {ANNOUNCEMENT_STATUS_LABELS[a.status]}
            </ToneTag>
          ) : null}
        </View>
        <Text className='tq-announcement__title' id='announcement-title'>
          {a.title}
        </Text>
        <Text className='tq-muted'>{`${a.authorName} · ${formatDateTime(a.publishedAt)}`}</Text>
        {reads ? (
          <Text className='tq-announcement__reads' id='announcement-reads'>
            {reads}
          </Text>
        ) : null}
      </View>

      {a.status === 'pending' ? <Notice kind='info'>图片正在审核，审核通过后成员才能看到这条公告。</Notice> : null}
      {a.status === 'withdrawn' ? <Notice kind='info'>有图片未通过安全检查，这条公告已撤下，成员看不到。</Notice> : null}

      <Section id='announcement-content'>
        <Text className='tq-announcement__body' id='announcement-body' userSelect>
          {a.body}
        </Text>
        {a.imageUrls.length ? (
          <View className='tq-announcement__images' id='announcement-images'>
            {a.imageUrls.map((url, i) => (
              <Image key={url} id={`announcement-image-${i}`} className='tq-announcement__image' src={url} mode='aspectFill' onClick={() => previewImages(a.imageUrls, url)} />
            ))}
          </View>
        ) : null}
      </Section>

      <Section title={`回复（${a.replyCount}）`} id='announcement-replies'>
        <Notice id='reply-hide-error'>{hideError}</Notice>
        {shown.map((r) => (
          <View key={r.id} id={`reply-${r.id}`} className={cx('tq-list-item tq-announcement__reply', r.hidden && 'tq-announcement__reply--hidden')}>
            <View className='tq-row'>
              <Text className='tq-announcement__reply-author'>{r.authorName}</Text>
              {r.mine ? <ToneTag tone='blue'>我</ToneTag> : null}
              {r.hidden ? (
                <ToneTag tone='grey' id={`reply-${r.id}-hidden`}>
                  {manager ? '已隐藏' : '已被管理员隐藏，仅你可见'}
                </ToneTag>
              ) : null}
              <Text className='tq-muted tq-grow tq-announcement__reply-time'>{formatShortDateTime(r.createdAt, now)}</Text>
            </View>
            <Text className='tq-announcement__reply-text'>{r.text}</Text>
            {manager ? (
              <Text
                id={`reply-${r.id}-${r.hidden ? 'show' : 'hide'}`}
                className='tq-announcement__reply-action'
                onClick={() => void setHidden(r, !r.hidden)}
              >
                {hideBusy === r.id ? '正在处理…' : r.hidden ? '恢复显示' : '隐藏'}
              </Text>
            ) : null}
          </View>
        ))}
        {/* The footer counts what is on screen: a reply just sent ends 「还没有回复」. */}
        <ListFooter list={{ ...replies, items: shown }} id='replies-more' emptyText='还没有回复，来说两句吧' />
        <ListRetry list={replies} id='replies-retry' />
        {a.status === 'published' ? <ReplyBox announcementId={a.id} onSent={onSent} /> : null}
      </Section>
    </PageShell>
  )
}
