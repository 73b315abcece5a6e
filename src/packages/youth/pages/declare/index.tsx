import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, InputNumber, TextArea } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import { hoursContract, MAX_EVIDENCE_PHOTOS } from '../../../../../types/contract/hours'
import type { ErrorCode } from '../../../../../types/errors'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { DateField } from '../../../../components/date-field'
import { OrgPicker } from '../../../../components/org-picker'
import { SingleChoice } from '../../../../components/choice-group'
import { useSession } from '../../../../hooks/use-session'
import { toApiError } from '../../../../services/api'
import { hoursApi } from '../../../../services/api/hours'
import { uploadPhotos } from '../../../../services/files'
import { issueFields, type FieldErrors } from '../../../../utils/form'
import { choosePhotos } from '../../../../utils/platform'
import { uuidV4 } from '../../../../utils/uuid'
import type { OrgRef } from '../../../../utils/roles'
import { ROUTES, back } from '../../../../utils/routes'
import { formatMinutes, todayInShanghai } from '../../../../utils/time'
import './index.scss'

const MAX_PHOTOS = MAX_EVIDENCE_PHOTOS
const HALVES = [
  { value: '0' as const, label: '整' },
  { value: '30' as const, label: '30分钟' },
]

const FIELD_OF_CODE: Partial<Record<ErrorCode, string>> = {
  'HOURS.EVIDENCE_REQUIRED': 'evidenceText',
  'ORG.NOT_FOUND': 'orgId',
  'HOURS.ORG_NOT_OWN': 'orgId',
  'HOURS.DAY_FULL': 'minutes',
  'FILE.NOT_FOUND': 'photos',
  'FILE.NOT_OWN': 'photos',
}

/** The server no longer accepts these uploads: the next try sends the photos again. */
const UPLOADS_REFUSED = new Set<ErrorCode>(['FILE.NOT_FOUND', 'FILE.NOT_OWN'])

type Progress = { done: number; total: number }

export default function DeclarePage() {
  const { me } = useSession()
  const profile = me?.profile ?? null
  const today = todayInShanghai()
  const [org, setOrg] = useState<OrgRef | null>(null)
  const [title, setTitle] = useState('')
  const [date, setDate] = useState('')
  const [hours, setHours] = useState(1)
  const [half, setHalf] = useState<'0' | '30'>('0')
  const [evidence, setEvidence] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState('')
  const [saving, setSaving] = useState(false)
  const [uploading, setUploading] = useState<Progress | null>(null)
  const [done, setDone] = useState(false)
  // Local path → file id of photos already in storage, so a retry does not upload them again.
  const uploaded = useRef(new Map<string, string>())
  // This declaration's key, sent with every retry: a lost reply never makes a second declaration.
  const requestId = useRef(uuidV4())

  // The youth's own org is the usual answer; the session may arrive after the page.
  useEffect(() => {
    if (!org && profile) setOrg({ id: profile.orgId, name: profile.orgName })
  }, [org, profile])

  const minutes = hours * 60 + Number(half)

  const addPhotos = async () => {
    const more = await choosePhotos(MAX_PHOTOS - photos.length)
    if (more.length) setPhotos((p) => [...p, ...more].slice(0, MAX_PHOTOS))
  }

  const removePhoto = (index: number) => {
    if (!saving) setPhotos((p) => p.filter((_, j) => j !== index))
  }

  /** File ids of the chosen photos in order, uploading those not yet in storage. */
  const photoIds = async (userId: string): Promise<string[]> => {
    const pending = photos.filter((p) => !uploaded.current.has(p))
    if (pending.length) {
      setUploading({ done: 0, total: pending.length })
      try {
        // Each photo is remembered as soon as it is up: a failure later in the batch keeps the earlier ones.
        await uploadPhotos(userId, pending, (n, total, fileId) => {
          uploaded.current.set(pending[n - 1], fileId)
          setUploading({ done: n, total })
        })
      } finally {
        setUploading(null)
      }
    }
    return photos.map((p) => uploaded.current.get(p) as string)
  }

  const submit = async () => {
    if (saving) return
    setNotice('')
    const found: FieldErrors = {}
    if (date && date > today) found.date = '服务日期不能晚于今天'
    // Photos go up only once the form itself is acceptable: a refused form uploads nothing.
    const parsed = hoursContract.actions.declareHours.input.safeParse({
      requestId: requestId.current,
      orgId: org?.id,
      title,
      date: date || undefined,
      minutes,
      evidenceText: evidence.trim() ? evidence : undefined,
      photos: [],
    })
    if (!parsed.success) Object.assign(found, { ...issueFields(parsed.error.issues), ...found })
    if (!found.orgId && !org) found.orgId = '请选择服务所属的团组织'
    if (!found.evidenceText && !evidence.trim() && !photos.length) found.evidenceText = '请写明服务内容、地点和证明人，或上传现场照片，以便审核'
    const userId = profile?.userId
    if (photos.length && !userId) found.photos = '登记青年档案后才能上传照片。'
    if (Object.keys(found).length || !parsed.success) {
      setErrors(found)
      setNotice('有几项需要修改，请看红色提示。')
      return
    }
    setErrors({})
    setSaving(true)
    let ids: string[]
    try {
      ids = userId ? await photoIds(userId) : []
    } catch (e) {
      const err = toApiError(e, 'files.uploadPhotos')
      setErrors({ photos: err.message })
      setNotice(err.message)
      setSaving(false)
      return
    }
    try {
      await hoursApi.declareHours({ ...parsed.data, photos: ids })
      setDone(true)
      void Taro.showToast({ title: '已提交', icon: 'success' })
    } catch (e) {
      const err = toApiError(e, 'activity.declareHours')
      if (UPLOADS_REFUSED.has(err.code)) uploaded.current.clear()
      const next = err.issues ? issueFields(err.issues) : {}
      const field = FIELD_OF_CODE[err.code]
      if (field && !next[field]) next[field] = err.message
      setErrors(next)
      setNotice(err.message)
    } finally {
      setSaving(false)
    }
  }

  if (done) {
    return (
      <PageShell id='page-declare' title='申报时长'>
        <Notice kind='success' id='declare-done'>
          {`已提交「${title.trim()}」${formatMinutes(minutes)}的申报，团组织审核通过后计入荣誉时长和星级。`}
        </Notice>
        <View className='tq-actions'>
          <Button id='declare-back' className='tq-button' type='primary' size='large' block onClick={() => back(ROUTES.hours)}>
            返回我的时长
          </Button>
        </View>
      </PageShell>
    )
  }

  return (
    <PageShell id='page-declare' title='申报时长' subtitle='线下完成、没有在小程序签到的志愿服务，可在这里申报，审核通过后计入荣誉时长（不发益币）'>
      <Section>
        <Field name='declare-orgId' label='服务所属团组织' required error={errors.orgId} hint='您所在的团组织或它的上级团组织，由它审核。'>
          <OrgPicker name='declare-org' value={org} onChange={(o) => setOrg({ id: o.id, name: o.name })} title='选择团组织' />
        </Field>
        <Field name='declare-title' label='服务内容' required error={errors.title}>
          <Input id='declare-title-input' className='tq-input' value={title} placeholder='如：社区防疫值守' maxLength={40} onChange={setTitle} />
        </Field>
        <Field name='declare-date' label='服务日期' required error={errors.date}>
          <DateField
            name='declare-date'
            title='选择服务日期'
            value={date}
            initial={today}
            start={new Date(new Date().getFullYear() - 3, 0, 1)}
            end={new Date()}
            onChange={setDate}
          />
        </Field>
        <Field name='declare-minutes' label='服务时长' required error={errors.minutes} hint={`共 ${formatMinutes(minutes)}`}>
          <View className='tq-row tq-declare__duration'>
            <View id='declare-hours' className='tq-declare__hours'>
              <InputNumber value={hours} min={0} max={24} step={1} onChange={(v) => setHours(Math.max(0, Math.min(24, Number(v) || 0)))} />
            </View>
            <Text className='tq-declare__unit'>小时</Text>
            <SingleChoice name='declare-half' choices={HALVES} value={half} onChange={setHalf} />
          </View>
        </Field>
        <Field
          name='declare-evidenceText'
          label='证明说明'
          required={!photos.length}
          error={errors.evidenceText}
          hint='写明服务内容、地点和证明人（如社区负责人姓名、电话），审核时会核实。'
        >
          <TextArea
            id='declare-evidence-input'
            className='tq-declare__evidence'
            value={evidence}
            placeholder='请填写证明说明'
            maxLength={500}
            showCount
            onChange={setEvidence}
          />
        </Field>
        <Field name='declare-photos' label='现场照片' error={errors.photos} hint={`可代替或补充证明说明，最多${MAX_PHOTOS}张，提交申报时一起上传。`}>
          <View className='tq-declare__photos'>
            {photos.map((src, i) => (
              <View key={`${src}-${i}`} id={`declare-photo-${i}`} className='tq-declare__photo'>
                <Image src={src} mode='aspectFill' className='tq-declare__photo-img' />
                <Text id={`declare-photo-${i}-remove`} className='tq-declare__photo-remove' aria-label='删除这张照片' onClick={() => removePhoto(i)}>
                  ×
                </Text>
              </View>
            ))}
            {photos.length < MAX_PHOTOS && !saving ? (
              <View id='declare-photos-add' className='tq-declare__photo tq-declare__photo--add' onClick={() => void addPhotos()}>
                <Text>＋</Text>
              </View>
            ) : null}
          </View>
        </Field>
      </Section>
      <Notice id='declare-notice'>{notice}</Notice>
      <View className='tq-actions'>
        <Button id='declare-submit' className='tq-button' type='primary' size='large' block loading={saving} onClick={() => void submit()}>
          {uploading ? `正在上传照片 ${Math.min(uploading.done + 1, uploading.total)}/${uploading.total}` : '提交申报'}
        </Button>
      </View>
    </PageShell>
  )
}
