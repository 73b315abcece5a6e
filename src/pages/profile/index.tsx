import { useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Loading } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { MAX_AGE, NEED_LABEL, PRIVACY_VERSION, SECTOR_LABEL, GENDER_LABEL } from '../../../types/enums'
import { RegisterInput, UpdateProfileInput, type ProfileViewT } from '../../../types/contract/user'
import { PageShell, Section } from '../../components/page-shell'
import { Field } from '../../components/field'
import { Notice } from '../../components/notice'
import { DateField } from '../../components/date-field'
import { OrgPicker } from '../../components/org-picker'
import { TagInput } from '../../components/tag-input'
import { MultiChoice, SingleChoice, choicesOf } from '../../components/choice-group'
import { useSession } from '../../hooks/use-session'
import { isApiError, toApiError } from '../../services/api'
import { accountApi } from '../../services/api/account'
import { acceptedPrivacyVersion } from '../../utils/storage'
import { ROUTES, back, replace } from '../../utils/routes'
import { todayInShanghai } from '../../utils/time'
import { FIELD_OF_CODE, draftFromProfile, emptyDraft, fieldErrors, needsGuardian, registerPayload, updatePayload, type FieldErrors, type ProfileDraft } from './draft'
import { GuardianSection } from './guardian-section'
import './index.scss'

const GENDERS = choicesOf(GENDER_LABEL)
const SECTORS = choicesOf(SECTOR_LABEL)
const NEEDS = choicesOf(NEED_LABEL)
const MEMBER = [
  { value: 'yes' as const, label: '是团员' },
  { value: 'no' as const, label: '不是团员' },
]

export default function ProfilePage() {
  const session = useSession()
  const profile = session.me?.profile ?? null
  const editing = !!profile
  const [draft, setDraft] = useState<ProfileDraft>(() => (profile ? draftFromProfile(profile) : emptyDraft()))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState('')
  const [saving, setSaving] = useState(false)

  // The session may arrive after the page (a reload on the profile page): fill the form once it does.
  const profileId = profile?.userId
  useEffect(() => {
    if (profile) setDraft(draftFromProfile(profile))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [profileId])

  const today = todayInShanghai()
  const guardianNeeded = needsGuardian(draft.birthDate, today)
  const birthBounds = useMemo(() => {
    const now = new Date()
    return { start: new Date(now.getFullYear() - MAX_AGE - 1, 0, 1), end: now }
  }, [])

  const set = <K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    // A corrected field loses its message at once; the others keep theirs until the next submit.
    setErrors((e) => {
      if (!e[key as string]) return e
      const next = { ...e }
      delete next[key as string]
      return next
    })
  }

  const showIssues = (issues: Parameters<typeof fieldErrors>[0]) => {
    const found = fieldErrors(issues)
    if (found.orgId && !draft.org) found.orgId = '请选择所属团组织'
    setErrors(found)
    setNotice(found.form ?? '有几项需要修改，请看红色提示。')
  }

  const submit = async () => {
    setNotice('')
    // The shared schema decides what is valid and says why, in Chinese, per field.
    let request: () => Promise<{ profile: ProfileViewT }>
    if (profile) {
      const parsed = UpdateProfileInput.safeParse(updatePayload(draft, profile, today))
      if (!parsed.success) return showIssues(parsed.error.issues)
      request = () => accountApi.updateProfile(parsed.data)
    } else {
      const privacyVersion = acceptedPrivacyVersion() ?? PRIVACY_VERSION
      const parsed = RegisterInput.safeParse(registerPayload(draft, { privacyVersion, elderMode: session.elderMode, today }))
      if (!parsed.success) return showIssues(parsed.error.issues)
      request = () => accountApi.register(parsed.data)
    }
    setErrors({})
    setSaving(true)
    try {
      const res = await request()
      session.setProfile(res.profile)
      void Taro.showToast({ title: editing ? '已保存' : '登记成功', icon: 'success' })
      // A newcomer lands on the 活动 tab (what they came for); an edit returns where it came from.
      if (editing) back(ROUTES.me)
      else replace(ROUTES.activities)
    } catch (e) {
      const err = toApiError(e, editing ? 'user.updateProfile' : 'user.register')
      const found = err.issues ? fieldErrors(err.issues) : {}
      const field = FIELD_OF_CODE[err.code]
      if (field && !found[field]) found[field] = err.message
      setErrors(found)
      setNotice(err.message)
      if (isApiError(e) && e.code === 'USER.ALREADY_REGISTERED') void session.refresh()
    } finally {
      setSaving(false)
    }
  }

  // Until `me` is known we cannot tell registering from editing: don't offer the wrong form.
  if (session.loading && !session.me) {
    return (
      <PageShell id='page-profile' title='青年档案'>
        <View className='tq-centered'>
          <Loading direction='vertical'>正在加载…</Loading>
        </View>
      </PageShell>
    )
  }

  return (
    <PageShell
      id='page-profile'
      title={editing ? '编辑青年档案' : '登记青年档案'}
      subtitle={editing ? '只需修改要变动的内容' : '带 * 的为必填项，约需2分钟'}
    >
      <Section title='基本信息'>
        <Field name='realName' label='姓名' required error={errors.realName}>
          <Input id='realName-input' className='tq-input' value={draft.realName} placeholder='请输入真实姓名' maxLength={20} onChange={(v) => set('realName', v)} />
        </Field>
        <Field name='gender' label='性别' required error={errors.gender}>
          <SingleChoice name='gender' choices={GENDERS} value={draft.gender} onChange={(v) => set('gender', v)} />
        </Field>
        <Field name='birthDate' label='出生日期' required error={errors.birthDate}>
          <DateField name='birthDate' title='选择出生日期' value={draft.birthDate} start={birthBounds.start} end={birthBounds.end} onChange={(v) => set('birthDate', v)} />
        </Field>
        <Field
          name='phone'
          label='手机号'
          required={!editing}
          error={errors.phone}
          hint={editing ? `当前：${profile.phoneMasked}。不更换请留空。` : undefined}
        >
          <Input
            id='phone-input'
            className='tq-input'
            type='number'
            value={draft.phone}
            placeholder={editing ? '如需更换，请输入新手机号' : '请输入11位手机号'}
            maxLength={11}
            onChange={(v) => set('phone', v)}
          />
        </Field>
        <Field
          name='idNumber'
          label='身份证号'
          error={errors.idNumber}
          hint={editing && profile.idMasked ? `当前：${profile.idMasked}。不更换请留空。` : '加密保存，只显示打码后的号码。'}
        >
          <Input
            id='idNumber-input'
            className='tq-input'
            type='idcard'
            value={draft.idNumber}
            placeholder={editing && profile.idMasked ? '如需更换，请输入新号码' : '18位身份证号'}
            maxLength={18}
            onChange={(v) => set('idNumber', v)}
          />
        </Field>
      </Section>

      {guardianNeeded ? (
        <GuardianSection value={draft.guardian} onChange={(g) => set('guardian', g)} errors={errors} onFile={profile?.guardianName} />
      ) : null}

      <Section title='组织与领域'>
        <Field name='orgId' label='所属团组织' required error={errors.orgId} hint='选到您所在的最下一级组织，如村（社区）团支部。'>
          <OrgPicker name='orgId' value={draft.org} onChange={(org) => set('org', { id: org.id, name: org.name })} title='选择所属团组织' />
        </Field>
        <Field name='sector' label='所在领域' required error={errors.sector}>
          <SingleChoice name='sector' choices={SECTORS} value={draft.sector} onChange={(v) => set('sector', v)} />
        </Field>
        <Field name='leagueMember' label='是否共青团员' required error={errors.leagueMember}>
          <SingleChoice
            name='leagueMember'
            choices={MEMBER}
            value={draft.leagueMember === null ? '' : draft.leagueMember ? 'yes' : 'no'}
            onChange={(v) => set('leagueMember', v === 'yes')}
          />
        </Field>
      </Section>

      <Section title='特长、兴趣和需求'>
        <Field name='skills' label='专业特长' error={errors.skills}>
          <TagInput name='skills' value={draft.skills} onChange={(v) => set('skills', v)} placeholder='如：电工、会计、短视频' />
        </Field>
        <Field name='interests' label='兴趣爱好' error={errors.interests}>
          <TagInput name='interests' value={draft.interests} onChange={(v) => set('interests', v)} placeholder='如：篮球、书法、摄影' />
        </Field>
        <Field name='needs' label='需要哪些帮助' error={errors.needs}>
          <MultiChoice name='needs' choices={NEEDS} value={draft.needs} onChange={(v) => set('needs', v)} />
        </Field>
      </Section>

      <Notice id='profile-notice'>{notice}</Notice>
      <View className='tq-actions'>
        <Button id='profile-submit' className='tq-button' type='primary' size='large' block loading={saving} onClick={() => void submit()}>
          {editing ? '保存修改' : '提交登记'}
        </Button>
        {editing ? (
          <Button id='profile-cancel' className='tq-button' size='large' block onClick={() => back(ROUTES.me)}>
            取消
          </Button>
        ) : null}
      </View>
    </PageShell>
  )
}
