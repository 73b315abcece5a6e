import { useCallback, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { communityContract, type MemberViewT } from '../../../../../types/contract/community'
import { ListFooter } from '../../../../components/load-more'
import { Notice } from '../../../../components/notice'
import { useListPage } from '../../../../hooks/use-list-page'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { toApiError } from '../../../../services/api'
import { communityApi } from '../../../../services/api/community'
import { formatShortDateTime } from '../../../../utils/time'
import { ListRetry } from '../../../../components/list-retry'
import { memberOrigin } from './format'
import { ReasonSheet } from './reason-sheet'

const ReviewInput = communityContract.actions.reviewJoinRequest.input

interface Props {
  groupId: string
  /** Something changed the group's figures (a member more): the header asks again. */
  onChanged: () => void
}

/** 申请: requests waiting for a decision, the oldest first; 通过 at once, 不通过 with a reason. */
export function RequestsTab({ groupId, onChanged }: Props) {
  const fetchPage = useCallback((cursor?: string) => communityApi.listJoinRequests({ groupId, cursor }), [groupId])
  const list = usePagedList<MemberViewT>(fetchPage, 'community.listJoinRequests')
  useListPage(list, { reloadOnShow: true, alsoRefresh: async () => onChanged() })
  const [busy, setBusy] = useState('')
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)
  const [rejecting, setRejecting] = useState<MemberViewT | null>(null)
  const [reasonError, setReasonError] = useState('')

  const review = async (m: MemberViewT, approve: boolean, reason = '') => {
    if (busy) return
    // An approval carries no reason at all (the schema's default stands in for it).
    const input = approve ? { membershipId: m.id, approve } : { membershipId: m.id, approve, reason }
    const parsed = ReviewInput.safeParse(input)
    if (!parsed.success) return setReasonError(parsed.error.issues[0]?.message ?? '请填写原因')
    setNotice(null)
    setReasonError('')
    setBusy(m.id)
    try {
      await communityApi.reviewJoinRequest(input)
      setRejecting(null)
      setNotice({ kind: 'success', text: approve ? `已通过「${m.name}」的加入申请。` : `已拒绝「${m.name}」的加入申请，对方会看到原因。` })
      onChanged()
      await list.reload()
    } catch (e) {
      const err = toApiError(e, 'community.reviewJoinRequest')
      // Decided elsewhere meanwhile (another admin, or the youth withdrew): the list shows what is left.
      const gone = err.code === 'GROUP.REQUEST_DONE' || err.code === 'GROUP.MEMBERSHIP_NOT_FOUND'
      if (approve || gone) {
        setRejecting(null)
        setNotice({ kind: 'error', text: err.message })
      } else setReasonError(err.message)
      if (gone) void list.reload()
    } finally {
      setBusy('')
    }
  }

  return (
    <View id='manage-requests'>
      <Notice kind={notice?.kind ?? 'error'} id='requests-notice'>
        {notice?.text}
      </Notice>
      {list.items.map((m) => (
        <View key={m.id} id={`request-${m.id}`} className='tq-list-item tq-manage__row'>
          <View className='tq-row'>
            <Text className='tq-list-item__title tq-grow'>{m.name}</Text>
            <Text className='tq-muted'>{formatShortDateTime(m.requestedAt)}</Text>
          </View>
          <Text className='tq-list-item__meta'>{memberOrigin(m)}</Text>
          {m.message ? <Text className='tq-manage__message'>{`申请理由：${m.message}`}</Text> : null}
          <View className='tq-row tq-manage__buttons'>
            <Button id={`request-approve-${m.id}`} type='primary' loading={busy === m.id && !rejecting} disabled={!!busy} onClick={() => void review(m, true)}>
              通过
            </Button>
            <Button
              id={`request-reject-${m.id}`}
              type='danger'
              fill='outline'
              disabled={!!busy}
              onClick={() => {
                setReasonError('')
                setRejecting(m)
              }}
            >
              不通过
            </Button>
          </View>
        </View>
      ))}
      <ListFooter list={list} id='requests-more' emptyText='没有待审核的加入申请' />
      <ListRetry list={list} id='requests-retry' />
      <ReasonSheet
        ask={rejecting ? { title: '不通过加入申请', about: `申请人：${rejecting.name}（${memberOrigin(rejecting)}）`, confirmText: '不通过', placeholder: '如：本群只面向润城镇的快递小哥' } : null}
        busy={!!busy}
        error={reasonError}
        onSubmit={(reason) => rejecting && void review(rejecting, false, reason)}
        onClose={() => setRejecting(null)}
      />
    </View>
  )
}
