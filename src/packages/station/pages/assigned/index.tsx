import { useCallback, useRef, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { OPINION_REPLY_DAYS, stationContract, type OpinionState, type OpinionViewT } from '../../../../../types/contract/station'
import type { ErrorCode } from '../../../../../types/errors'
import { PageShell, Section } from '../../../../components/page-shell'
import { ListFooter } from '../../../../components/load-more'
import { ListRetry } from '../../../../components/list-retry'
import { Notice } from '../../../../components/notice'
import { SingleChoice } from '../../../../components/choice-group'
import { useListPage } from '../../../../hooks/use-list-page'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { toApiError } from '../../../../services/api'
import { stationApi } from '../../../../services/api/station'
import { OpinionItem } from '../../components/opinion-item'
import { ReplySheet } from './reply-sheet'
import './index.scss'

const ReplyText = stationContract.actions.replyOpinion.input.shape.text

type Filter = OpinionState | 'all'

const FILTERS: { value: Filter; label: string }[] = [
  { value: 'assigned', label: '待答复' },
  { value: 'replied', label: '已答复' },
  { value: 'closed', label: '已办结' },
  { value: 'all', label: '全部' },
]

/** The opinion is no longer this representative's to answer (reassigned, answered elsewhere): the list shows where it went. */
const MOVED = new Set<ErrorCode>(['OPINION.WRONG_STATE', 'OPINION.NOT_ASSIGNEE', 'OPINION.NOT_FOUND'])

function Assigned() {
  const [filter, setFilter] = useState<Filter>('assigned')
  const fetchPage = useCallback((cursor?: string) => stationApi.assignedOpinions({ state: filter === 'all' ? undefined : filter, cursor }), [filter])
  const list = usePagedList(fetchPage, 'station.assignedOpinions')
  useListPage(list, { reloadOnShow: true })
  const [replying, setReplying] = useState<OpinionViewT | null>(null)
  const [busy, setBusy] = useState(false)
  const inflight = useRef(false)
  const [sheetError, setSheetError] = useState('')
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)

  const open = (o: OpinionViewT) => {
    setNotice(null)
    setSheetError('')
    setReplying(o)
  }

  const reply = async (text: string) => {
    if (!replying || inflight.current) return
    const parsed = ReplyText.safeParse(text)
    if (!parsed.success) return setSheetError(parsed.error.issues[0]?.message ?? '请填写答复内容')
    inflight.current = true
    setBusy(true)
    setSheetError('')
    try {
      await stationApi.replyOpinion({ opinionId: replying.id, text: parsed.data })
      setReplying(null)
      setNotice({ kind: 'success', text: '答复已提交，提出意见的青年会收到通知。' })
      void list.reload()
    } catch (e) {
      const err = toApiError(e, 'station.replyOpinion')
      if (MOVED.has(err.code)) {
        setReplying(null)
        setNotice({ kind: 'error', text: err.message })
        void list.reload()
      } else setSheetError(err.message)
    } finally {
      inflight.current = false
      setBusy(false)
    }
  }

  return (
    <>
      <Section>
        <SingleChoice name='assigned-filter' choices={FILTERS} value={filter} onChange={setFilter} />
      </Section>
      <Notice kind={notice?.kind ?? 'error'} id='assigned-notice'>
        {notice?.text}
      </Notice>
      <Section id='assigned-list'>
        {list.items.map((o) => (
          <OpinionItem
            key={o.id}
            o={o}
            actions={
              o.canReply ? (
                <Button id={`opinion-${o.id}-reply-open`} className='tq-button' type='primary' onClick={() => open(o)}>
                  答复
                </Button>
              ) : null
            }
          />
        ))}
        <ListFooter list={list} id='assigned-more' emptyText={filter === 'assigned' ? '没有待您答复的意见' : '没有这类意见'} />
        <ListRetry list={list} id='assigned-retry' />
      </Section>
      <ReplySheet opinion={replying} busy={busy} error={sheetError} onSubmit={(t) => void reply(t)} onClose={() => setReplying(null)} />
    </>
  )
}

export default function AssignedPage() {
  return (
    <PageShell id='page-station-assigned' title='待我答复' subtitle={`团干部分派给您的青年意见，请在提交后${OPINION_REPLY_DAYS}天内答复`}>
      <Assigned />
    </PageShell>
  )
}
