import { useCallback, useEffect, useMemo, useState } from 'react'
import { Button, Dialog, Input } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import type { ItemResultT as ItemResult } from '../../../../../types/contract/common'
import type { ReviewItemT } from '../../../../../types/contract/hours'
import { FLAG_LABEL } from '../../../../../types/enums'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { OrgPicker } from '../../../../components/org-picker'
import { RequireRole } from '../../../../components/require-role'
import { ToneTag } from '../../../../components/tone-tag'
import { ListFooter } from '../../../../components/load-more'
import { useListPage } from '../../../../hooks/use-list-page'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { usePageParams } from '../../../../hooks/use-page-params'
import { useScopeOrg } from '../../../../hooks/use-scope-org'
import { toApiError } from '../../../../services/api'
import { activitiesApi } from '../../../../services/api/activities'
import { hoursApi } from '../../../../services/api/hours'
import { cx } from '../../../../utils/cx'
import { previewImages } from '../../../../utils/platform'
import type { OrgRef } from '../../../../utils/roles'
import { formatDate, formatMinutes, formatTime } from '../../../../utils/time'
import './index.scss'

const keyOf = (i: Pick<ReviewItemT, 'kind' | 'id'>) => `${i.kind}:${i.id}`

/** The evidence photos as thumbnails; a tap opens them full screen (and does not select the record). */
function EvidencePhotos({ item }: { item: ReviewItemT }) {
  const urls = item.photos.flatMap((p) => (p.url ? [p.url] : []))
  return (
    <View id={`review-photos-${item.id}`} className='tq-review__photos'>
      {item.photos.map((p, i) =>
        p.url ? (
          <View
            key={`${p.fileId}-${i}`}
            id={`review-photo-${item.id}-${i}`}
            className='tq-review__photo'
            onClick={(e) => {
              e.stopPropagation()
              previewImages(urls, p.url ?? undefined)
            }}
          >
            <Image src={p.url} mode='aspectFill' className='tq-review__photo-img' />
          </View>
        ) : (
          <View key={`${p.fileId}-${i}`} id={`review-photo-${item.id}-${i}`} className='tq-review__photo tq-review__photo--gone' onClick={(e) => e.stopPropagation()}>
            <Text>照片已失效</Text>
          </View>
        ),
      )}
    </View>
  )
}

function ReviewRow({
  item,
  selected,
  result,
  onToggle,
}: {
  item: ReviewItemT
  selected: boolean
  result: { ok: boolean; text: string } | undefined
  onToggle: () => void
}) {
  const flagged = item.flags.length > 0
  const settled = result?.ok
  return (
    <View
      id={`review-item-${item.id}`}
      className={cx('tq-review__item', flagged && 'tq-review__item--flagged', selected && 'tq-review__item--on', settled && 'tq-review__item--done')}
      onClick={() => !settled && onToggle()}
      aria-selected={selected}
    >
      <View className={cx('tq-review__check', selected && 'tq-review__check--on')}>{selected ? '✓' : ''}</View>
      <View className='tq-grow'>
        <View className='tq-row tq-review__line'>
          <Text className='tq-review__name'>{item.userName}</Text>
          <ToneTag tone={item.kind === 'attendance' ? 'blue' : 'grey'}>{item.kind === 'attendance' ? '签到时长' : '申报时长'}</ToneTag>
          <Text className='tq-review__minutes'>{formatMinutes(item.minutes)}</Text>
        </View>
        <Text className='tq-review__title'>{item.title}</Text>
        <Text className='tq-list-item__meta'>
          {item.checkInAt
            ? `${formatDate(item.at)} ${formatTime(item.checkInAt)}–${item.checkOutAt ? formatTime(item.checkOutAt) : '未签退'} · ${item.orgName}`
            : `${formatDate(item.at)} · ${item.orgName}`}
        </Text>
        {flagged ? (
          <View className='tq-tags tq-review__flags' id={`review-flags-${item.id}`}>
            {item.flags.map((f) => (
              <ToneTag key={f} tone='orange' solid>
                {FLAG_LABEL[f]}
              </ToneTag>
            ))}
          </View>
        ) : null}
        {item.evidenceText ? <Text className='tq-review__evidence'>{`证明说明：${item.evidenceText}`}</Text> : null}
        {item.photos.length ? <EvidencePhotos item={item} /> : null}
        {result ? (
          <Text id={`review-result-${item.id}`} className={result.ok ? 'tq-review__result tq-review__result--ok' : 'tq-review__result tq-review__result--fail'}>
            {result.text}
          </Text>
        ) : null}
      </View>
    </View>
  )
}

function ReviewQueue() {
  const params = usePageParams('orgId', 'orgName', 'activityId')
  const scope = useScopeOrg('cadre', 'admin')
  // Opened from an activity: its org (named in the link); otherwise the cadre's first org.
  const [picked, setPicked] = useState<OrgRef | null>(params.orgId ? { id: params.orgId, name: params.orgName || '本活动的组织' } : null)
  const org = picked ?? scope.org
  const [activityId, setActivityId] = useState(params.activityId)
  const [activityTitle, setActivityTitle] = useState('')
  const [selected, setSelected] = useState<Record<string, ReviewItemT>>({})
  const [results, setResults] = useState<Record<string, { ok: boolean; text: string }>>({})
  const [summary, setSummary] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState<'' | 'approve' | 'reject'>('')
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState('')

  // Opened from an activity: name it in the filter.
  useEffect(() => {
    if (!params.activityId) return
    activitiesApi
      .getActivity({ activityId: params.activityId })
      .then(({ activity }) => setActivityTitle(activity.title))
      .catch(() => undefined)
  }, [params.activityId])

  const orgId = org?.id ?? ''
  const fetchPage = useCallback(
    (cursor?: string) => hoursApi.reviewQueue({ orgId, activityId: activityId || undefined, cursor }),
    [orgId, activityId],
  )
  const list = usePagedList(orgId ? fetchPage : null, 'activity.reviewQueue')

  useListPage(list)

  // A new list (other org, other activity, reload) starts with nothing selected.
  useEffect(() => {
    setSelected({})
  }, [orgId, activityId])

  const open = useMemo(() => list.items.filter((i) => !results[keyOf(i)]?.ok), [list.items, results])
  const chosen = Object.values(selected)
  const allOn = open.length > 0 && open.every((i) => selected[keyOf(i)])

  const toggle = (item: ReviewItemT) =>
    setSelected((s) => {
      const next = { ...s }
      if (next[keyOf(item)]) delete next[keyOf(item)]
      else next[keyOf(item)] = item
      return next
    })

  const toggleAll = () => setSelected(allOn ? {} : Object.fromEntries(open.map((i) => [keyOf(i), i])))

  const apply = (verb: string, items: ReviewItemT[], answer: ItemResult[]) => {
    const byId = new Map(answer.map((r) => [r.id, r]))
    const nextResults: Record<string, { ok: boolean; text: string }> = {}
    let ok = 0
    for (const item of items) {
      const r = byId.get(item.id)
      if (!r) continue
      if (r.ok) ok += 1
      nextResults[keyOf(item)] = { ok: r.ok, text: r.ok ? `已${verb}` : r.message || `未能${verb}` }
    }
    setResults((prev) => ({ ...prev, ...nextResults }))
    setSelected((s) => Object.fromEntries(Object.entries(s).filter(([k]) => !nextResults[k]?.ok)))
    const failed = Object.values(nextResults).filter((r) => !r.ok).length
    setSummary(
      failed
        ? { kind: 'error', text: `${verb} ${ok} 条；${failed} 条未能${verb}，原因见各条记录。` }
        : { kind: 'success', text: `已${verb} ${ok} 条。` },
    )
  }

  const approve = async () => {
    if (!chosen.length) return
    setSummary(null)
    setBusy('approve')
    try {
      const { results: answer } = await hoursApi.approveHours({ items: chosen.map((i) => ({ kind: i.kind, id: i.id })) })
      apply('通过', chosen, answer)
    } catch (e) {
      setSummary({ kind: 'error', text: toApiError(e, 'activity.approveHours').message })
    } finally {
      setBusy('')
    }
  }

  const reject = async () => {
    if (!reason.trim()) {
      setReasonError('请填写驳回原因，青年会看到')
      return
    }
    setRejecting(false)
    setSummary(null)
    setBusy('reject')
    try {
      const { results: answer } = await hoursApi.rejectHours({ items: chosen.map((i) => ({ kind: i.kind, id: i.id })), reason })
      apply('驳回', chosen, answer)
      setReason('')
    } catch (e) {
      setSummary({ kind: 'error', text: toApiError(e, 'activity.rejectHours').message })
    } finally {
      setBusy('')
    }
  }

  return (
    <>
      <Section>
        <Field name='review-org' label='组织' required>
          <OrgPicker name='review-org' value={org} roots={scope.roots} onChange={(o) => setPicked({ id: o.id, name: o.name })} title='选择团组织' />
        </Field>
        {activityId ? (
          <View className='tq-row tq-review__filter'>
            <ToneTag tone='blue' onClose={() => setActivityId('')}>
              {`只看：${activityTitle || '这次活动'}`}
            </ToneTag>
          </View>
        ) : null}
      </Section>

      <Notice kind={summary?.kind ?? 'info'} id='review-summary'>
        {summary?.text}
      </Notice>

      <Section
        title='待审核'
        id='review-list'
        extra={
          open.length ? (
            <Text id='review-select-all' className='tq-review__all' onClick={toggleAll}>
              {allOn ? '取消全选' : '全选'}
            </Text>
          ) : undefined
        }
      >
        <Text className='tq-muted tq-review__hint'>有标记的记录排在前面（橙色），请核实后再通过。</Text>
        {list.items.map((item) => (
          <ReviewRow key={keyOf(item)} item={item} selected={!!selected[keyOf(item)]} result={results[keyOf(item)]} onToggle={() => toggle(item)} />
        ))}
        <ListFooter list={list} id='review-more' emptyText='没有待审核的时长' />
      </Section>

      <View className='tq-review__bar'>
        <Text className='tq-review__count' id='review-selected-count'>{`已选 ${chosen.length} 条`}</Text>
        <Button id='review-reject' className='tq-review__button' disabled={!chosen.length || !!busy} loading={busy === 'reject'} onClick={() => setRejecting(true)}>
          驳回
        </Button>
        <Button
          id='review-approve'
          className='tq-review__button'
          type='primary'
          disabled={!chosen.length || !!busy}
          loading={busy === 'approve'}
          onClick={() => void approve()}
        >
          批量通过
        </Button>
      </View>

      <Dialog
        className='tq-review__dialog'
        visible={rejecting}
        title={`驳回 ${chosen.length} 条时长`}
        content={
          <View className='tq-review__reason'>
            <Input
              id='review-reject-reason-input'
              className='tq-input'
              value={reason}
              placeholder='驳回原因，如：未见签退记录'
              maxLength={100}
              onChange={(v) => {
                setReason(v)
                setReasonError('')
              }}
            />
            {reasonError ? (
              <Text id='review-reject-reason-error' className='tq-field__error'>
                {reasonError}
              </Text>
            ) : null}
          </View>
        }
        confirmText='驳回'
        cancelText='取消'
        onConfirm={() => void reject()}
        onCancel={() => setRejecting(false)}
        onClose={() => setRejecting(false)}
      />
    </>
  )
}

export default function ReviewPage() {
  return (
    <PageShell id='page-cadre-review' title='审核时长' subtitle='勾选后批量通过或驳回；不能审核自己的时长'>
      <RequireRole roles={['cadre', 'admin']}>
        <ReviewQueue />
      </RequireRole>
    </PageShell>
  )
}
