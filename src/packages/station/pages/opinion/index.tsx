import { useCallback, useRef, useState } from 'react'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import { OPINION_AUTO_CLOSE_DAYS, OPINION_CATEGORY_LABEL, stationContract, type OpinionState, type OpinionViewT } from '../../../../../types/contract/station'
import { Field } from '../../../../components/field'
import { LoadState } from '../../../../components/load-state'
import { Notice } from '../../../../components/notice'
import { PageShell, Section } from '../../../../components/page-shell'
import { ToneTag } from '../../../../components/tone-tag'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { usePageParams } from '../../../../hooks/use-page-params'
import { toApiError } from '../../../../services/api'
import { stationApi } from '../../../../services/api/station'
import { issueFields, type FieldErrors } from '../../../../utils/form'
import { previewImages } from '../../../../utils/platform'
import { ROUTES, back } from '../../../../utils/routes'
import { formatDateTime } from '../../../../utils/time'
import { OpinionStateTags } from '../../components/opinion-state-tags'
import { StarPicker } from '../../components/star-picker'
import './index.scss'

const RateInput = stationContract.actions.rateOpinion.input
const MAX_COMMENT = 200

/** Each step as the youth reads it in the timeline. */
const STEP_LABEL: Record<OpinionState, string> = { submitted: '提交意见', assigned: '分派给团代表', replied: '团代表答复', closed: '办结' }

function Rate({ opinion, onRated }: { opinion: OpinionViewT; onRated: (o: OpinionViewT) => void }) {
  const [rating, setRating] = useState(0)
  const [comment, setComment] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState('')
  const [busy, setBusy] = useState(false)
  const sending = useRef(false)

  const send = async () => {
    if (sending.current) return
    setNotice('')
    const parsed = RateInput.safeParse({ opinionId: opinion.id, rating: rating || undefined, comment })
    if (!parsed.success) {
      const found = issueFields(parsed.error.issues)
      if (found.rating) found.rating = '请选择1至5星'
      setErrors(found)
      return
    }
    setErrors({})
    sending.current = true
    setBusy(true)
    try {
      const { opinion: rated } = await stationApi.rateOpinion(parsed.data)
      onRated(rated)
    } catch (e) {
      const err = toApiError(e, 'station.rateOpinion')
      setErrors(err.issues ? issueFields(err.issues) : {})
      setNotice(err.message)
    } finally {
      sending.current = false
      setBusy(false)
    }
  }

  return (
    <Section title='评价答复' id='opinion-rate'>
      <Field name='opinion-rating' label='满意程度' required error={errors.rating}>
        <StarPicker name='opinion-rating-stars' scale={5} value={rating} onChange={(n) => {
          setRating(n)
          setErrors((e) => ({ ...e, rating: '' }))
        }} />
      </Field>
      <Field name='opinion-comment' label='说点什么' error={errors.comment} hint={`${comment.length}/${MAX_COMMENT}字`}>
        <TextArea id='opinion-comment-input' value={comment} placeholder='答复解决了你的问题吗' maxLength={MAX_COMMENT} disabled={busy} onChange={setComment} />
      </Field>
      <Notice id='opinion-rate-notice'>{notice}</Notice>
      <Button id='opinion-rate-submit' className='tq-button' type='primary' size='large' block loading={busy} disabled={busy} onClick={() => void send()}>
        提交评价
      </Button>
      <Text className='tq-muted tq-opinion__hint'>{`评价后意见办结；答复${OPINION_AUTO_CLOSE_DAYS}天内未评价的，也会自动办结。`}</Text>
    </Section>
  )
}

function Rated({ opinion }: { opinion: OpinionViewT }) {
  return (
    <Section title='我的评价' id='opinion-rated'>
      {opinion.rating ? (
        <>
          <StarPicker name='opinion-rated-stars' scale={5} value={opinion.rating} />
          {opinion.ratingComment ? (
            <Text className='tq-opinion__text' id='opinion-rated-comment'>
              {opinion.ratingComment}
            </Text>
          ) : null}
        </>
      ) : (
        <Text className='tq-muted' id='opinion-rated-none'>
          {`答复后${OPINION_AUTO_CLOSE_DAYS}天内未评价，已自动办结。`}
        </Text>
      )}
    </Section>
  )
}

/**
 * One opinion: what was said (and the photos), each step with its time, the representative's reply,
 * and — once replied, for its author — the 1–5 stars that close it.
 */
export default function OpinionPage() {
  const { id } = usePageParams('id')
  const load = useCallback(() => stationApi.getOpinion({ opinionId: id }), [id])
  const page = usePageLoad(id ? load : null, 'station.getOpinion')
  const o = page.data?.opinion ?? null

  if (!id) {
    return (
      <PageShell id='page-station-opinion' title='意见'>
        <Notice id='opinion-missing'>没有找到这条意见。</Notice>
      </PageShell>
    )
  }
  if (!o) {
    return (
      <PageShell id='page-station-opinion'>
        <LoadState
          state={page}
          errorId='opinion-load-error'
          retryId='opinion-retry'
          action={
            page.error?.code === 'OPINION.NOT_FOUND' ? (
              <Button id='opinion-back' className='tq-button' size='large' block onClick={() => back(ROUTES.stationOpinions)}>
                返回我的意见
              </Button>
            ) : undefined
          }
        />
      </PageShell>
    )
  }

  return (
    <PageShell id='page-station-opinion'>
      <View className='tq-opinion__head'>
        <View className='tq-row'>
          <OpinionStateTags opinion={o} id='opinion-state' />
          <ToneTag tone='grey' id='opinion-category'>
            {OPINION_CATEGORY_LABEL[o.category]}
          </ToneTag>
          {o.anonymous ? (
            <ToneTag tone='grey' id='opinion-anonymous'>
              匿名
            </ToneTag>
          ) : null}
        </View>
        <Text className='tq-muted' id='opinion-where'>
          {o.venueName ? `${o.venueName} · ${o.orgName}` : o.orgName}
        </Text>
        {o.anonymous && o.mine ? <Text className='tq-muted' id='opinion-anonymous-note'>匿名提交：只有处理的团干部能看到你的姓名</Text> : null}
      </View>

      <Section title='意见内容' id='opinion-body'>
        <Text className='tq-opinion__text' id='opinion-text' userSelect>
          {o.text}
        </Text>
        {o.photoUrls.length ? (
          <View className='tq-row tq-opinion__photos' id='opinion-photos'>
            {o.photoUrls.map((url, i) => (
              <Image key={url} id={`opinion-photo-${i}`} className='tq-opinion__photo' src={url} mode='aspectFill' onClick={() => previewImages(o.photoUrls, url)} />
            ))}
          </View>
        ) : null}
      </Section>

      {o.reply ? (
        <Section title='答复' id='opinion-reply'>
          <Text className='tq-list-item__meta' id='opinion-reply-by'>
            {o.assigneeName ? `团代表 ${o.assigneeName}` : '团代表'}
          </Text>
          <Text className='tq-opinion__text' id='opinion-reply-text' userSelect>
            {o.reply}
          </Text>
        </Section>
      ) : o.state === 'assigned' && o.assigneeName ? (
        <Notice kind='info' id='opinion-waiting'>{`已分派给团代表 ${o.assigneeName}，请耐心等待答复。`}</Notice>
      ) : o.state === 'submitted' ? (
        <Notice kind='info' id='opinion-waiting'>已收到，团干部正在分派给团代表。</Notice>
      ) : null}

      {o.state === 'replied' && o.mine ? <Rate opinion={o} onRated={(rated) => page.setData({ opinion: rated })} /> : null}
      {o.state === 'closed' ? <Rated opinion={o} /> : null}

      <Section title='办理进度' id='opinion-steps'>
        {o.steps.map((s, i) => (
          <View key={`${s.state}-${s.at}`} id={`opinion-step-${i}`} className='tq-opinion__step'>
            <View className='tq-opinion__dot' />
            <View className='tq-grow'>
              <Text className='tq-opinion__step-title'>{STEP_LABEL[s.state]}</Text>
              <Text className='tq-list-item__meta'>{s.by ? `${formatDateTime(s.at)} · ${s.by}` : formatDateTime(s.at)}</Text>
            </View>
          </View>
        ))}
      </Section>
    </PageShell>
  )
}
