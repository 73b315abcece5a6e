import type { ReactNode } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { OPINION_CATEGORY_LABEL, OPINION_STATE_LABEL, type OpinionViewT } from '../../../../types/contract/station'
import { previewImages } from '../../../utils/platform'
import { formatShortDateTime } from '../../../utils/time'
import { OpinionStateTags } from './opinion-state-tags'
import './opinion-item.scss'

/**
 * Who wrote it, as the viewer may know: the server leaves the name out of an anonymous opinion for
 * everyone but the handling cadre, who sees it marked as anonymous so it is not passed on.
 */
export function opinionAuthor(o: Pick<OpinionViewT, 'anonymous' | 'authorName'>): string {
  if (o.anonymous) return o.authorName ? `匿名（${o.authorName}，仅处理人可见）` : '匿名青年'
  return o.authorName ?? '青年'
}

/**
 * One opinion in a handler's list (the representative's 待我答复, the cadre's 意见办理): where it
 * stands, what it says, who and where it came from, each step, the reply; `actions` below.
 * Ids: `opinion-<id>` and `opinion-<id>-{state,text,author,venue,steps,reply}`.
 */
export function OpinionItem({ o, actions }: { o: OpinionViewT; actions?: ReactNode }) {
  const id = `opinion-${o.id}`
  return (
    <View className='tq-list-item tq-opinion-item' id={id}>
      <View className='tq-row tq-opinion-item__tags'>
        <OpinionStateTags opinion={o} id={`${id}-state`} />
        <Text className='tq-muted'>{OPINION_CATEGORY_LABEL[o.category]}</Text>
      </View>
      <Text className='tq-opinion-item__text' id={`${id}-text`}>
        {o.text}
      </Text>
      {o.photoUrls.length ? (
        <View className='tq-opinion-item__photos'>
          {o.photoUrls.map((url) => (
            <Image key={url} className='tq-opinion-item__photo' src={url} mode='aspectFill' onClick={() => previewImages(o.photoUrls, url)} />
          ))}
        </View>
      ) : null}
      <Text className='tq-list-item__meta' id={`${id}-author`}>
        {`提出人：${opinionAuthor(o)}${o.authorMobile ? ` · ${o.authorMobile}` : ''}`}
      </Text>
      <Text className='tq-list-item__meta' id={`${id}-venue`}>
        {`${o.venueName ? `联络站：${o.venueName}` : '线上提交'} · ${o.orgName} · ${formatShortDateTime(o.submittedAt)}`}
      </Text>
      {o.assigneeName ? <Text className='tq-list-item__meta'>{`答复人：${o.assigneeName}`}</Text> : null}
      {o.reply ? (
        <View className='tq-opinion-item__reply' id={`${id}-reply`}>
          <Text className='tq-opinion-item__reply-head'>答复</Text>
          <Text>{o.reply}</Text>
          {o.rating !== null ? <Text className='tq-muted'>{`青年评价：${'★'.repeat(o.rating)}${'☆'.repeat(5 - o.rating)}${o.ratingComment ? ` ${o.ratingComment}` : ''}`}</Text> : null}
        </View>
      ) : null}
      <View className='tq-opinion-item__steps' id={`${id}-steps`}>
        {o.steps.map((s, i) => (
          <Text key={`${s.state}-${s.at}-${i}`} className='tq-opinion-item__step'>
            {`${OPINION_STATE_LABEL[s.state]} · ${formatShortDateTime(s.at)} · ${s.by}`}
          </Text>
        ))}
      </View>
      {actions ? <View className='tq-row tq-opinion-item__actions'>{actions}</View> : null}
    </View>
  )
}
