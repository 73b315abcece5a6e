import { useEffect, useRef, useState } from 'react'
import { Button, Input, Popup, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { MEMBER_ROLE_LABELS, communityContract, type GroupDetailT, type MembershipViewT } from '../../../../../types/contract/community'
import { useConfirm } from '../../../../components/confirm'
import { Field } from '../../../../components/field'
import { isFull } from '../../../../components/group-card'
import { Notice } from '../../../../components/notice'
import { ToneTag } from '../../../../components/tone-tag'
import { toApiError, type ApiError } from '../../../../services/api'
import { communityApi } from '../../../../services/api/community'
import { ROUTES, relaunch } from '../../../../utils/routes'
import { formatDateTime } from '../../../../utils/time'

const JoinInput = communityContract.actions.joinGroup.input.shape

/** Errors that mean "register first": the entry page knows the way (privacy → profile). */
const NEEDS_REGISTRATION = new Set(['USER.NOT_REGISTERED', 'USER.PRIVACY_NOT_ACCEPTED'])

interface Props {
  group: GroupDetailT
  /** The invite code carried by the group's mini-program code, if the page was opened by it. */
  sceneCode: string | null
  onMembership: (membership: MembershipViewT) => void
  /** The server's figures moved under the page (the group filled up): ask for the page again. */
  onStale: () => void
}

/** Still a member or waiting: the rest (left, removed, rejected, never asked) may join again. */
function holds(m: MembershipViewT | null): m is MembershipViewT {
  return m !== null && (m.status === 'active' || m.status === 'pending')
}

/**
 * Where the youth stands with the group and the way in: 加入社群 (open), 申请加入 with an optional
 * reason (approval), or the 6-character code (invite, filled in from the group's code); 已加入 with 退出社群
 * behind a confirmation, 审核中 with 撤回申请, a rejection with its reason and a new request. One request
 * at a time: a second tap before the answer sends nothing.
 */
export function JoinPanel({ group: g, sceneCode, onMembership, onStale }: Props) {
  const m = g.membership
  const { dialog, ask } = useConfirm()
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState('')
  const [code, setCode] = useState(sceneCode ?? '')
  const [codeError, setCodeError] = useState('')
  const [sheet, setSheet] = useState(false)
  const [message, setMessage] = useState('')
  const [messageError, setMessageError] = useState('')
  const inflight = useRef(false)

  useEffect(() => {
    if (sceneCode) setCode((c) => c || sceneCode)
  }, [sceneCode])

  const run = async (label: string, send: () => Promise<{ membership: MembershipViewT }>, said: (m: MembershipViewT) => string) => {
    if (inflight.current) return
    inflight.current = true
    setSending(true)
    setError(null)
    setDone('')
    try {
      const { membership } = await send()
      setSheet(false)
      setDone(said(membership))
      onMembership(membership)
    } catch (e) {
      const err = toApiError(e, label)
      setError(err)
      if (err.code === 'GROUP.FULL') {
        setSheet(false)
        onStale()
      }
    } finally {
      inflight.current = false
      setSending(false)
    }
  }

  const join = (extra: { inviteCode?: string; message?: string } = {}) =>
    run('community.joinGroup', () => communityApi.joinGroup({ groupId: g.id, ...extra }), (next) =>
      next.status === 'pending' ? '申请已提交，社群管理员审核后即可加入。' : '已加入社群，欢迎你！',
    )

  const joinWithCode = () => {
    const typed = code.trim().toUpperCase()
    const parsed = JoinInput.inviteCode.safeParse(typed)
    if (!parsed.success) {
      setCodeError(parsed.error.issues[0]?.message ?? '邀请码为6位字母或数字')
      return
    }
    setCodeError('')
    void join({ inviteCode: typed })
  }

  const apply = () => {
    const text = message.trim()
    // Blank: no reason (the contract's default), not an empty one.
    if (text) {
      const parsed = JoinInput.message.safeParse(text)
      if (!parsed.success) {
        setMessageError(parsed.error.issues[0]?.message ?? '')
        return
      }
    }
    setMessageError('')
    void join(text ? { message: text } : {})
  }

  const leave = async () => {
    if (!m) return
    const waiting = m.status === 'pending'
    if (!waiting) {
      const ok = await ask({ title: '退出社群', content: `退出后将看不到「${g.name}」的公告和微信群，确定退出吗？`, confirmText: '确定退出' })
      if (!ok) return
    }
    await run('community.leaveGroup', () => communityApi.leaveGroup({ groupId: g.id }), () => (waiting ? '已撤回加入申请。' : '已退出社群。'))
  }

  const full = isFull(g) && !holds(m)
  // A full group is a fact to tell kindly, not a fault.
  const errorNotice = (id: string) =>
    error ? (
      <Notice kind={error.code === 'GROUP.FULL' ? 'info' : 'error'} id={id}>
        {error.message}
      </Notice>
    ) : null
  const registerButton =
    error && NEEDS_REGISTRATION.has(error.code) ? (
      <Button id='group-register' className='tq-button' type='primary' fill='outline' block onClick={() => relaunch(ROUTES.index)}>
        去登记青年档案
      </Button>
    ) : null

  if (m?.status === 'active') {
    return (
      <View className='tq-group__status' id='group-status'>
        <View className='tq-row'>
          <ToneTag tone='green' solid id='group-status-tag'>
            已加入
          </ToneTag>
          {m.role !== 'member' ? <ToneTag tone='red'>{MEMBER_ROLE_LABELS[m.role]}</ToneTag> : null}
          {m.joinedAt ? <Text className='tq-muted'>{`${formatDateTime(m.joinedAt)} 加入`}</Text> : null}
        </View>
        <Notice kind='success' id='group-join-done'>
          {done}
        </Notice>
        {errorNotice('group-join-error')}
        {/* The owner hands the group over before leaving (GROUP.OWNER_CANNOT_LEAVE). */}
        {m.role !== 'owner' ? (
          <Button id='group-leave' className='tq-button tq-group__leave' fill='none' disabled={sending} onClick={() => void leave()}>
            退出社群
          </Button>
        ) : null}
        {dialog}
      </View>
    )
  }

  if (m?.status === 'pending') {
    return (
      <View className='tq-group__status' id='group-status'>
        <View className='tq-row'>
          <ToneTag tone='orange' solid id='group-status-tag'>
            审核中
          </ToneTag>
          <Text className='tq-muted'>{`${formatDateTime(m.requestedAt)} 提交申请`}</Text>
        </View>
        <Text className='tq-muted tq-group__line'>社群管理员审核通过后，你就可以看到公告和社群活动。</Text>
        <Notice kind='success' id='group-join-done'>
          {done}
        </Notice>
        {errorNotice('group-join-error')}
        <Button id='group-withdraw' className='tq-button' size='large' block loading={sending} disabled={sending} onClick={() => void leave()}>
          撤回申请
        </Button>
      </View>
    )
  }

  return (
    <View className='tq-group__status' id='group-status'>
      {m?.status === 'rejected' ? (
        <Notice kind='info' id='group-rejected'>
          {`上次的申请未通过${m.reason ? `：${m.reason}` : '。'}你可以再次申请。`}
        </Notice>
      ) : null}
      {m?.status === 'removed' ? (
        <Notice kind='info' id='group-removed'>
          {`你已被移出这个社群${m.reason ? `：${m.reason}` : '。'}`}
        </Notice>
      ) : null}
      <Notice kind='success' id='group-join-done'>
        {done}
      </Notice>
      {full ? (
        <Notice kind='info' id='group-full'>
          这个社群人数已满，暂时不能加入。可以看看其他社群。
        </Notice>
      ) : null}
      {sheet ? null : errorNotice('group-join-error')}
      {registerButton}

      {g.joinPolicy === 'invite' ? (
        <Field name='group-code' label='邀请码' required error={codeError} hint='这个社群仅限邀请加入：请输入社群管理员给你的6位邀请码，扫社群二维码进入时会自动填好。'>
          <Input
            id='group-code-input'
            className='tq-input tq-group__code'
            value={code}
            placeholder='6位字母或数字'
            maxLength={6}
            disabled={sending}
            onChange={(v) => setCode(v.toUpperCase())}
          />
        </Field>
      ) : null}

      <View className='tq-actions'>
        {g.joinPolicy === 'open' ? (
          <Button id='group-join' className='tq-button' type='primary' size='large' block loading={sending} disabled={sending || full} onClick={() => void join()}>
            {full ? '人数已满' : '加入社群'}
          </Button>
        ) : null}
        {g.joinPolicy === 'approval' ? (
          <Button id='group-apply' className='tq-button' type='primary' size='large' block disabled={sending || full} onClick={() => setSheet(true)}>
            {full ? '人数已满' : m?.status === 'rejected' ? '再次申请' : '申请加入'}
          </Button>
        ) : null}
        {g.joinPolicy === 'invite' ? (
          <Button id='group-join' className='tq-button' type='primary' size='large' block loading={sending} disabled={sending || full} onClick={joinWithCode}>
            {full ? '人数已满' : '加入社群'}
          </Button>
        ) : null}
      </View>

      <Popup visible={sheet} position='bottom' round closeable={!sending} title='申请加入' onClose={() => !sending && setSheet(false)}>
        {sheet ? (
          <View className='tq-group__sheet' id='group-apply-sheet'>
            <Text className='tq-muted tq-group__line'>{`「${g.name}」需要社群管理员审核，可以简单说说你为什么想加入。`}</Text>
            <Field name='group-message' label='申请理由' error={messageError}>
              <TextArea id='group-message-input' value={message} placeholder='如：我是社区志愿者，想参加社群的活动' maxLength={100} showCount disabled={sending} onChange={setMessage} />
            </Field>
            {errorNotice('group-apply-error')}
            <View className='tq-actions'>
              <Button id='group-apply-send' className='tq-button' type='primary' size='large' block loading={sending} disabled={sending} onClick={apply}>
                提交申请
              </Button>
              <Button id='group-apply-cancel' className='tq-button' size='large' block disabled={sending} onClick={() => setSheet(false)}>
                取消
              </Button>
            </View>
          </View>
        ) : null}
      </Popup>
    </View>
  )
}
