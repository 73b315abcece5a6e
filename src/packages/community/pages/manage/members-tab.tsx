import { useCallback, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { communityContract, type MemberViewT } from '../../../../../types/contract/community'
import { useConfirm } from '../../../../components/confirm'
import { ListFooter } from '../../../../components/load-more'
import { Notice } from '../../../../components/notice'
import { ToneTag } from '../../../../components/tone-tag'
import { useListPage } from '../../../../hooks/use-list-page'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { toApiError } from '../../../../services/api'
import { communityApi } from '../../../../services/api/community'
import { formatDate } from '../../../../utils/time'
import { ListRetry } from '../../../../components/list-retry'
import { ROLE_TONE, memberOrigin, roleLabel } from './format'
import { ReasonSheet } from './reason-sheet'

const RemoveInput = communityContract.actions.removeMember.input

interface Props {
  groupId: string
  groupName: string
  /** The owner, or a cadre in scope: they appoint admins and may remove one. */
  senior: boolean
  /** The caller's own user id: no buttons on their own row (they leave from the group's page). */
  selfId: string | null
  onChanged: () => void
}

/** 成员: owner and admins first; appoint or dismiss admins, remove a member with a reason. */
export function MembersTab({ groupId, groupName, senior, selfId, onChanged }: Props) {
  const fetchPage = useCallback((cursor?: string) => communityApi.listMembers({ groupId, cursor }), [groupId])
  const list = usePagedList<MemberViewT>(fetchPage, 'community.listMembers')
  useListPage(list, { reloadOnShow: true, alsoRefresh: async () => onChanged() })
  const { dialog, ask } = useConfirm()
  const [busy, setBusy] = useState('')
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)
  const [removing, setRemoving] = useState<MemberViewT | null>(null)
  const [reasonError, setReasonError] = useState('')

  const setRole = async (m: MemberViewT, role: 'admin' | 'member') => {
    if (busy) return
    setNotice(null)
    setBusy(m.id)
    try {
      await communityApi.setMemberRole({ membershipId: m.id, role })
      setNotice({ kind: 'success', text: role === 'admin' ? `已把「${m.name}」设为管理员。` : `已取消「${m.name}」的管理员。` })
      await list.reload()
    } catch (e) {
      setNotice({ kind: 'error', text: toApiError(e, 'community.setMemberRole').message })
    } finally {
      setBusy('')
    }
  }

  const remove = async (m: MemberViewT, reason: string) => {
    if (busy) return
    const parsed = RemoveInput.safeParse({ membershipId: m.id, reason })
    if (!parsed.success) return setReasonError(parsed.error.issues[0]?.message ?? '请填写原因')
    setReasonError('')
    const ok = await ask({
      title: '移出成员',
      content: `把「${m.name}」移出「${groupName}」，原因：${parsed.data.reason}。移出后对方不再看到社群公告和微信群二维码。确定移出吗？`,
      confirmText: '确定移出',
    })
    if (!ok) return
    setNotice(null)
    setBusy(m.id)
    try {
      await communityApi.removeMember(parsed.data)
      setRemoving(null)
      setNotice({ kind: 'success', text: `已把「${m.name}」移出社群。` })
      onChanged()
      await list.reload()
    } catch (e) {
      setReasonError(toApiError(e, 'community.removeMember').message)
    } finally {
      setBusy('')
    }
  }

  return (
    <View id='manage-members'>
      <Notice kind={notice?.kind ?? 'error'} id='members-notice'>
        {notice?.text}
      </Notice>
      {list.items.map((m) => {
        const mine = selfId !== null && m.userId === selfId
        const canAct = !mine && m.role !== 'owner'
        return (
          <View key={m.id} id={`member-${m.id}`} className='tq-list-item tq-manage__row'>
            <View className='tq-row'>
              <Text className='tq-list-item__title'>{m.name}</Text>
              <ToneTag tone={ROLE_TONE[m.role]} solid={m.role !== 'member'} id={`member-${m.id}-role`}>
                {roleLabel(m.role)}
              </ToneTag>
              {mine ? <Text className='tq-muted'>（我）</Text> : null}
            </View>
            <Text className='tq-list-item__meta'>{`${memberOrigin(m)}${m.joinedAt ? ` · ${formatDate(m.joinedAt)}加入` : ''}`}</Text>
            {canAct ? (
              <View className='tq-row tq-manage__buttons'>
                {senior ? (
                  <Button
                    id={`member-role-${m.id}`}
                    fill='outline'
                    loading={busy === m.id && !removing}
                    disabled={!!busy}
                    onClick={() => void setRole(m, m.role === 'admin' ? 'member' : 'admin')}
                  >
                    {m.role === 'admin' ? '取消管理员' : '设为管理员'}
                  </Button>
                ) : null}
                {m.role === 'member' || senior ? (
                  <Button
                    id={`member-remove-${m.id}`}
                    type='danger'
                    fill='outline'
                    disabled={!!busy}
                    onClick={() => {
                      setReasonError('')
                      setRemoving(m)
                    }}
                  >
                    移出
                  </Button>
                ) : null}
              </View>
            ) : null}
          </View>
        )
      })}
      <ListFooter list={list} id='members-more' emptyText='还没有成员' />
      <ListRetry list={list} id='members-retry' />
      <ReasonSheet
        ask={removing ? { title: '移出成员', about: `成员：${removing.name}（${roleLabel(removing.role)}）`, confirmText: '移出', placeholder: '如：多次发布与社群无关的广告' } : null}
        busy={!!busy}
        error={reasonError}
        onSubmit={(reason) => removing && void remove(removing, reason)}
        onClose={() => setRemoving(null)}
      />
      {dialog}
    </View>
  )
}
