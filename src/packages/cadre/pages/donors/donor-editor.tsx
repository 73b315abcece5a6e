import { useState } from 'react'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { SaveDonorInput, type DonorAdminViewT } from '../../../../../types/contract/goods'
import { Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { OrgPicker } from '../../../../components/org-picker'
import { useSession } from '../../../../hooks/use-session'
import { toApiError } from '../../../../services/api'
import { goodsApi } from '../../../../services/api/goods'
import { issueFields, type FieldErrors } from '../../../../utils/form'
import type { OrgRef } from '../../../../utils/roles'
import { PicturesField } from '../goods-edit/pictures-field'
import '../goods-edit/pictures-field.scss'
import { FIELD_OF_CODE, donorPayload, type DonorDraft } from './draft'

interface Props {
  initial: DonorDraft
  roots: OrgRef[]
  onSaved: (donor: DonorAdminViewT, created: boolean) => void
  onCancel: () => void
}

/** Name, logo and thank-you story (public, content-checked); contact person and phone (private, masked). */
export function DonorEditor({ initial, roots, onSaved, onCancel }: Props) {
  const { me } = useSession()
  const [draft, setDraft] = useState<DonorDraft>(initial)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState('')
  const [busy, setBusy] = useState(false)
  const [uploading, setUploading] = useState(false)
  const isNew = !draft.donorId

  const set = <K extends keyof DonorDraft>(key: K, value: DonorDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    const k = key === 'org' ? 'orgId' : (key as string)
    setErrors((e) => (e[k] || e.form ? Object.fromEntries(Object.entries(e).filter(([x]) => x !== k && x !== 'form')) : e))
  }

  const save = async () => {
    setNotice('')
    const parsed = SaveDonorInput.safeParse(donorPayload(draft))
    if (!parsed.success) {
      const found = issueFields(parsed.error.issues)
      if (found.orgId && !draft.org) found.orgId = '请选择登记的团组织'
      // A new donor needs both; the schema's word for an empty box would be about its length.
      if (isNew && !draft.contactName.trim()) found.contactName = '请填写联系人'
      if (isNew && !draft.contactPhone.trim()) found.contactPhone = '请填写联系电话'
      delete found.form
      setErrors(found)
      setNotice('有几项需要修改，请看红色提示。')
      return
    }
    setErrors({})
    setBusy(true)
    try {
      const { donor } = await goodsApi.saveDonor(parsed.data)
      onSaved(donor, isNew)
    } catch (e) {
      const err = toApiError(e, 'points.saveDonor')
      const found = err.issues ? issueFields(err.issues) : {}
      const field = FIELD_OF_CODE[err.code]
      if (field && !found[field]) found[field] = err.message
      setErrors(found)
      // The same requestId goes with the next attempt: a save whose reply was lost is not made twice.
      setNotice(err.message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Section title={isNew ? '登记爱心企业' : '修改爱心企业'} id='donor-editor'>
      <Field name='donor-org' label='登记的团组织' required error={errors.orgId} hint={isNew ? '由这个组织及上级组织的团干部管理；本县的物资都可以选它。' : '登记的团组织不能修改。'}>
        {isNew ? (
          <OrgPicker name='donor-org' value={draft.org} roots={roots} onChange={(o) => set('org', { id: o.id, name: o.name })} title='选择团组织' />
        ) : (
          <Text className='tq-donors__fixed'>{draft.org?.name}</Text>
        )}
      </Field>
      <Field name='donor-name' label='企业名称' required error={errors.name}>
        <Input id='donor-name-input' className='tq-input' value={draft.name} placeholder='如：阳城县爱心粮油有限公司' maxLength={40} onChange={(v) => set('name', v)} />
      </Field>
      <PicturesField
        name='donor-logo'
        label='企业标志'
        userId={me?.profile?.userId ?? null}
        value={draft.logo}
        max={1}
        error={errors.logo}
        hint='可不传。通过内容安全检查后显示在爱心企业榜上。'
        disabled={busy}
        onChange={(p) => set('logo', p)}
        onUploading={setUploading}
      />
      <Field name='donor-story' label='爱心故事' required error={errors.story} hint='一两句感谢的话，会显示在爱心企业榜上。'>
        <TextArea id='donor-story-input' className='tq-donors__textarea' value={draft.story} placeholder='如：深夜食堂的老朋友，捐赠大米和面粉。' maxLength={500} showCount onChange={(v) => set('story', v)} />
      </Field>
      {draft.contactOnFile ? (
        <Text className='tq-muted' id='donor-contact-on-file'>
          {`已登记联系人：${draft.contactOnFile}。不修改请留空。`}
        </Text>
      ) : null}
      <Field name='donor-contact' label='联系人' required={isNew} error={errors.contactName} hint='只有团干部能看到，且打码显示。'>
        <Input id='donor-contact-input' className='tq-input' value={draft.contactName} placeholder={isNew ? '联系人姓名' : '留空则不修改'} maxLength={20} onChange={(v) => set('contactName', v)} />
      </Field>
      <Field name='donor-phone' label='联系电话' required={isNew} error={errors.contactPhone} hint='加密保存，任何页面只显示打码后的号码。'>
        <Input id='donor-phone-input' className='tq-input' type='number' value={draft.contactPhone} placeholder={isNew ? '11位手机号' : '留空则不修改'} maxLength={11} onChange={(v) => set('contactPhone', v)} />
      </Field>
      <Notice id='donor-editor-notice'>{notice}</Notice>
      <View className='tq-actions'>
        <Button id='donor-save' className='tq-button' type='primary' size='large' block loading={busy} disabled={busy || uploading} onClick={() => void save()}>
          {isNew ? '保存' : '保存修改'}
        </Button>
        <Button id='donor-cancel' className='tq-button' size='large' block disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </Section>
  )
}
