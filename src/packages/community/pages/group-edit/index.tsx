import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { CreateGroupInput, GROUP_KIND_LABELS, JOIN_POLICY_LABELS, UpdateGroupInput, type GroupViewT } from '../../../../../types/contract/community'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { LoadState } from '../../../../components/load-state'
import { OrgPicker } from '../../../../components/org-picker'
import { RequireRole } from '../../../../components/require-role'
import { TagInput } from '../../../../components/tag-input'
import { SingleChoice, choicesOf } from '../../../../components/choice-group'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { usePageParams } from '../../../../hooks/use-page-params'
import { useScopeOrg } from '../../../../hooks/use-scope-org'
import { useSession } from '../../../../hooks/use-session'
import { toApiError } from '../../../../services/api'
import { communityApi } from '../../../../services/api/community'
import { issueFields, type FieldErrors } from '../../../../utils/form'
import { back } from '../../../../utils/routes'
import { PicturesField } from '../../../cadre/pages/goods-edit/pictures-field'
import '../../../cadre/pages/goods-edit/pictures-field.scss'
import { communityRoute } from '../tower/links'
import { FIELD_MESSAGES, FIELD_OF_CODE, afterSave, createPayload, draftFromGroup, fileField, newGroupDraft, updatePayload, type GroupDraft } from './draft'
import './index.scss'

const KINDS = choicesOf(GROUP_KIND_LABELS)
const POLICIES = choicesOf(JOIN_POLICY_LABELS)
const POLICY_HINTS: Record<GroupDraft['joinPolicy'], string> = {
  open: '青年点「加入社群」即成为成员。',
  approval: '青年提交申请，由社群管理员或团干部审核通过后成为成员。',
  invite: '青年凭邀请码或扫社群小程序码加入；邀请码在「社群管理」的小程序码里查看。',
}

/** Which fields a change of a draft key clears the red messages of. */
const ERROR_KEYS: Partial<Record<keyof GroupDraft, string[]>> = {
  org: ['orgId'],
  parent: ['parentGroupId'],
}

function Editor() {
  const params = usePageParams('id', 'orgId', 'orgName', 'parentId', 'parentName')
  const { roots } = useScopeOrg('cadre', 'admin')
  const { me } = useSession()
  const [draft, setDraft] = useState<GroupDraft>(() =>
    newGroupDraft(
      params.orgId ? { id: params.orgId, name: params.orgName || '所选组织' } : null,
      params.parentId ? { id: params.parentId, name: params.parentName || '上级社群' } : null,
    ),
  )
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const [uploading, setUploading] = useState(false)

  const fetchGroup = useCallback(() => communityApi.getGroup({ groupId: params.id }), [params.id])
  const page = usePageLoad(params.id ? fetchGroup : null, 'community.getGroup')
  const [group, setGroup] = useState<GroupViewT | null>(null)
  useEffect(() => {
    if (!page.data) return
    setGroup(page.data.group)
    setDraft(draftFromGroup(page.data.group, params.parentName || null))
  }, [page.data, params.parentName])

  useEffect(() => {
    if (!draft.groupId && !draft.org && roots.length) setDraft((d) => ({ ...d, org: roots[0] }))
  }, [draft.groupId, draft.org, roots])

  const isNew = !draft.groupId
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: isNew ? '新建社群' : '修改社群' }).catch(() => undefined)
  }, [isNew])

  const set = <K extends keyof GroupDraft>(key: K, value: GroupDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    const keys = [...(ERROR_KEYS[key] ?? [key as string]), 'form']
    setErrors((e) => (keys.some((k) => e[k]) ? Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k))) : e))
  }

  const refused = (found: FieldErrors) => {
    for (const k of Object.keys(found)) if (FIELD_MESSAGES[k]) found[k] = FIELD_MESSAGES[k]
    setErrors(found)
    setNotice({ kind: 'error', text: found.form ?? '有几项需要修改，请看红色提示。' })
  }

  const save = async () => {
    if (busy) return
    setNotice(null)
    const parsed = isNew ? CreateGroupInput.safeParse(createPayload(draft)) : UpdateGroupInput.safeParse(updatePayload(draft))
    if (!parsed.success) return refused(issueFields(parsed.error.issues))
    setErrors({})
    setBusy(true)
    try {
      const input = parsed.data
      const { group: savedGroup } = 'requestId' in input ? await communityApi.createGroup(input) : await communityApi.updateGroup(input)
      setGroup(savedGroup)
      // The next change is a new request: a fresh key, the saved pictures with their checks.
      setDraft(afterSave(savedGroup, draft))
      const pending = savedGroup.coverCheck === 'pending' || savedGroup.chatQrCheck === 'pending'
      setNotice({
        kind: 'success',
        text: `${isNew ? `已新建社群「${savedGroup.name}」。` : '修改已保存。'}${pending ? '图片正在进行内容安全检查，通过后成员才能看到。' : ''}`,
      })
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      const err = toApiError(e, isNew ? 'community.createGroup' : 'community.updateGroup')
      const found = err.issues ? issueFields(err.issues) : {}
      const field = err.code.startsWith('FILE.') ? fileField(draft) : FIELD_OF_CODE[err.code]
      if (field && !found[field]) found[field] = err.message
      setErrors(found)
      // The same requestId goes with the next attempt: a create whose reply was lost makes no second group.
      setNotice({ kind: 'error', text: err.message })
    } finally {
      setBusy(false)
    }
  }

  if (params.id && !group) return <LoadState state={page} errorId='group-edit-load-error' retryId='group-edit-retry' />

  const working = busy || uploading
  const userId = me?.profile?.userId ?? null
  return (
    <>
      <Section title='基本信息'>
        <Field name='group-org' label='所属团组织' required error={errors.orgId} hint={isNew ? '社群由这个组织及其上级组织的团干部管理。' : '所属团组织不能修改。'}>
          {isNew && !params.orgId ? (
            <OrgPicker name='group-org' value={draft.org} roots={roots} onChange={(o) => set('org', { id: o.id, name: o.name })} title='选择所属团组织' />
          ) : (
            <Text id='group-org-fixed' className='tq-group-edit__fixed'>
              {draft.org?.name}
            </Text>
          )}
        </Field>
        <Field name='group-parent' label='上级社群' required error={errors.parentGroupId} hint={isNew ? undefined : '要调整上级社群，请在「社群管理」的塔群里点「移动」。'}>
          <Text id='group-parent-fixed' className='tq-group-edit__fixed'>
            {draft.parent ? draft.parent.name : '无（塔群顶层）'}
          </Text>
        </Field>
        <Field name='group-name' label='社群名称' required error={errors.name}>
          <Input id='group-name-input' className='tq-input' value={draft.name} placeholder='如：润城镇青年志愿者群' maxLength={30} onChange={(v) => set('name', v)} />
        </Field>
        <Field name='group-kind' label='社群类型' required error={errors.kind}>
          <SingleChoice name='group-kind' choices={KINDS} value={draft.kind} onChange={(v) => set('kind', v)} />
        </Field>
        <Field name='group-tags' label='标签' error={errors.tags} hint='最多8个，每个不超过10个字；青年按标签搜索和获得推荐。'>
          <TagInput name='group-tags' value={draft.tags} max={8} onChange={(v) => set('tags', v)} placeholder='如：摄影、电商、志愿服务' />
        </Field>
        <Field name='group-description' label='简介' error={errors.description}>
          <TextArea
            id='group-description-input'
            className='tq-group-edit__textarea'
            value={draft.description}
            placeholder='这个社群做什么、欢迎哪些青年加入'
            maxLength={500}
            showCount
            onChange={(v) => set('description', v)}
          />
        </Field>
        <PicturesField
          name='group-cover'
          label='封面图片'
          userId={userId}
          value={draft.cover}
          max={1}
          error={errors.cover}
          hint='图片通过内容安全检查后青年才能看到。'
          disabled={working}
          onChange={(p) => set('cover', p)}
          onUploading={setUploading}
        />
      </Section>

      <Section title='加入'>
        <Field name='group-policy' label='加入方式' required error={errors.joinPolicy} hint={POLICY_HINTS[draft.joinPolicy]}>
          <SingleChoice name='group-policy' choices={POLICIES} value={draft.joinPolicy} onChange={(v) => set('joinPolicy', v)} />
        </Field>
        <Field name='group-capacity' label='人数上限' error={errors.capacity} hint='不填为不限。人数满后新的加入和审核通过都会被拒绝。'>
          <Input id='group-capacity-input' className='tq-input' type='number' value={draft.capacity} placeholder='不限' maxLength={6} onChange={(v) => set('capacity', v)} />
        </Field>
        <PicturesField
          name='group-chat-qr'
          label='微信群二维码'
          userId={userId}
          value={draft.chatQr}
          max={1}
          error={errors.chatQr}
          hint='只有社群成员看得到；微信群二维码7天后失效，请及时更换。'
          disabled={working}
          onChange={(p) => set('chatQr', p)}
          onUploading={setUploading}
        />
      </Section>

      <Notice kind={notice?.kind ?? 'error'} id='group-edit-notice'>
        {notice?.text}
      </Notice>
      <View className='tq-actions'>
        <Button id='group-save' className='tq-button' type='primary' size='large' block loading={busy} disabled={working} onClick={() => void save()}>
          {isNew ? '新建社群' : '保存修改'}
        </Button>
        <Button id='group-back' className='tq-button' size='large' block disabled={working} onClick={() => back(communityRoute('tower'))}>
          返回
        </Button>
      </View>
    </>
  )
}

export default function GroupEditPage() {
  return (
    <PageShell id='page-community-group-edit' title='社群' subtitle='网上青年社群：团干部在自己的范围内建立和维护'>
      <RequireRole roles={['cadre', 'admin']}>
        <Editor />
      </RequireRole>
    </PageShell>
  )
}
