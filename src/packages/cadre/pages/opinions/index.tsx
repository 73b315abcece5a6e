import { useCallback, useRef, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { OPINION_STATE_LABEL, type OpinionState, type OpinionViewT } from '../../../../../types/contract/station'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { ListFooter } from '../../../../components/load-more'
import { ListRetry } from '../../../../components/list-retry'
import { Notice } from '../../../../components/notice'
import { OrgPicker } from '../../../../components/org-picker'
import { RequireRole } from '../../../../components/require-role'
import { SingleChoice } from '../../../../components/choice-group'
import { useListPage } from '../../../../hooks/use-list-page'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { useScopeOrg } from '../../../../hooks/use-scope-org'
import { toApiError } from '../../../../services/api'
import { stationApi } from '../../../../services/api/station'
import { OpinionItem } from '../../../station/components/opinion-item'
import { AssignSheet } from './assign-sheet'
import './index.scss'

type Filter = OpinionState | 'all' | 'overdue'

const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  ...(Object.keys(OPINION_STATE_LABEL) as OpinionState[]).map((s) => ({ value: s, label: OPINION_STATE_LABEL[s] })),
  { value: 'overdue', label: '超期' },
]

function Opinions() {
  const { roots, org, setOrg } = useScopeOrg('cadre', 'admin')
  const [filter, setFilter] = useState<Filter>('submitted')
  const fetchPage = useCallback(
    (cursor?: string) =>
      stationApi.listOpinions({
        orgId: org!.id,
        state: filter === 'all' || filter === 'overdue' ? undefined : filter,
        overdue: filter === 'overdue' ? true : undefined,
        cursor,
      }),
    [org, filter],
  )
  const list = usePagedList(org ? fetchPage : null, 'station.listOpinions')
  useListPage(list, { reloadOnShow: true })
  const [assigning, setAssigning] = useState<OpinionViewT | null>(null)
  const [busy, setBusy] = useState(false)
  const inflight = useRef(false)
  const [sheetError, setSheetError] = useState('')
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)

  const open = (o: OpinionViewT) => {
    setNotice(null)
    setSheetError('')
    setAssigning(o)
  }

  const assign = async (userId: string) => {
    if (!assigning || inflight.current) return
    inflight.current = true
    setBusy(true)
    setSheetError('')
    try {
      const { opinion } = await stationApi.assignOpinion({ opinionId: assigning.id, userId })
      setAssigning(null)
      setNotice({ kind: 'success', text: `已分派给${opinion.assigneeName ?? '团代表'}，对方会收到通知。` })
      void list.reload()
    } catch (e) {
      const err = toApiError(e, 'station.assignOpinion')
      // Replied or reassigned meanwhile: what it is now is in the refreshed list.
      if (err.code === 'OPINION.WRONG_STATE' || err.code === 'OPINION.NOT_FOUND') {
        setAssigning(null)
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
        <Field name='opinions-org' label='团组织' required hint='显示这个组织及下级组织、联络站收到的意见。'>
          <OrgPicker name='opinions-org' value={org} roots={roots} onChange={setOrg} title='选择团组织' />
        </Field>
        <Field name='opinions-filter' label='办理状态'>
          <SingleChoice name='opinions-filter' choices={FILTERS} value={filter} onChange={setFilter} />
        </Field>
      </Section>
      <Notice kind={notice?.kind ?? 'error'} id='opinions-notice'>
        {notice?.text}
      </Notice>
      <Section id='opinions-list'>
        {list.items.map((o) => (
          <OpinionItem
            key={o.id}
            o={o}
            actions={
              o.canAssign ? (
                <Button id={`opinion-${o.id}-assign`} className='tq-button' type='primary' fill={o.assigneeUserId ? 'outline' : 'solid'} onClick={() => open(o)}>
                  {o.assigneeUserId ? '改派' : '分派'}
                </Button>
              ) : null
            }
          />
        ))}
        <ListFooter list={list} id='opinions-more' emptyText={filter === 'overdue' ? '没有超期未答复的意见' : '没有这类意见'} />
        <ListRetry list={list} id='opinions-retry' />
      </Section>
      <AssignSheet opinion={assigning} busy={busy} error={sheetError} onSubmit={(u) => void assign(u)} onClose={() => setAssigning(null)} />
    </>
  )
}

export default function CadreOpinionsPage() {
  return (
    <PageShell id='page-cadre-opinions' title='意见办理' subtitle='青年在联络站和线上提交的意见：分派给团代表，跟进答复'>
      <RequireRole roles={['cadre', 'admin']}>
        <Opinions />
      </RequireRole>
    </PageShell>
  )
}
