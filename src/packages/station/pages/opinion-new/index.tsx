import { useRef, useState } from 'react'
import { Button, Switch, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { OPINION_CATEGORY_LABEL, OPINION_REPLY_DAYS, stationContract, type OpinionCategory } from '../../../../../types/contract/station'
import { choicesOf, SingleChoice } from '../../../../components/choice-group'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { PageShell, Section } from '../../../../components/page-shell'
import { usePageParams } from '../../../../hooks/use-page-params'
import { useSession } from '../../../../hooks/use-session'
import { toApiError } from '../../../../services/api'
import { stationApi } from '../../../../services/api/station'
import { issueFields, type FieldErrors } from '../../../../utils/form'
import { ROUTES, replace } from '../../../../utils/routes'
import { uuidV4 } from '../../../../utils/uuid'
import { PicturesField, type Picture } from '../../../cadre/pages/goods-edit/pictures-field'
import '../../../cadre/pages/goods-edit/pictures-field.scss'
import './index.scss'

const SubmitInput = stationContract.actions.submitOpinion.input
const CATEGORIES = choicesOf(OPINION_CATEGORY_LABEL)
const MAX_PHOTOS = 6
const MAX_TEXT = 1000

/** Which field a refusal from the server belongs under. */
const FIELD_OF_CODE: Record<string, string> = {
  'OPINION.PHOTO_RISKY': 'photos',
  'FILE.NOT_OWN': 'photos',
  'FILE.NOT_FOUND': 'photos',
  'GENERIC.CONTENT_RISKY': 'text',
}

/**
 * 提意见: at a station (`?venueId=`, from its page or its code) or online to the youth's own org
 * (no venue). A category, the words, up to six photos, and 匿名 — which hides the name from everyone
 * but the cadre who handles it, and the page says so before the youth decides.
 */
function OpinionForm() {
  const { venueId, venueName } = usePageParams('venueId', 'venueName')
  const { me } = useSession()
  // Made once for this form and sent with every attempt: an opinion whose reply was lost, sent again, is one opinion.
  const [requestId] = useState(uuidV4)
  const [category, setCategory] = useState<OpinionCategory | ''>('')
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<Picture[]>([])
  const [anonymous, setAnonymous] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState('')
  const [busy, setBusy] = useState(false)
  const [uploading, setUploading] = useState(false)
  // A second tap lands before the button turns grey: the ref, set at once, keeps it from sending again.
  const sending = useRef(false)

  const clear = (key: string) => setErrors((e) => (e[key] ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== key)) : e))

  const submit = async () => {
    if (sending.current) return
    setNotice('')
    const parsed = SubmitInput.safeParse({
      requestId,
      venueId: venueId || null,
      category: category || undefined,
      text,
      photos: photos.map((p) => p.fileId),
      anonymous,
    })
    if (!parsed.success) {
      const found = issueFields(parsed.error.issues)
      if (found.category) found.category = '请选择意见类别'
      setErrors(found)
      setNotice('有几项需要修改，请看红色提示。')
      return
    }
    setErrors({})
    sending.current = true
    setBusy(true)
    try {
      const { opinion } = await stationApi.submitOpinion(parsed.data)
      // The button stays grey until the page is gone: it was sent. Back from the opinion skips the form.
      replace(ROUTES.stationOpinion, { id: opinion.id })
    } catch (e) {
      sending.current = false
      setBusy(false)
      const err = toApiError(e, 'station.submitOpinion')
      const found = err.issues ? issueFields(err.issues) : {}
      const field = FIELD_OF_CODE[err.code]
      if (field && !found[field]) found[field] = err.message
      setErrors(found)
      // The words stay in the box: a refused check asks for a change, not for the whole text again.
      setNotice(err.message)
    }
  }

  const working = busy || uploading
  return (
    <>
      <Text className='tq-muted tq-opinion-new__to' id='opinion-new-to'>
        {venueId ? `提交到：${venueName || '这个联络站'}` : '提交到：您所在的团组织'}
      </Text>
      <Section>
        <Field name='opinion-category' label='意见类别' required error={errors.category}>
          <SingleChoice
            name='opinion-category'
            choices={CATEGORIES}
            value={category}
            onChange={(c) => {
              setCategory(c)
              clear('category')
            }}
          />
        </Field>
        <Field name='opinion-text' label='意见内容' required error={errors.text} hint={`${text.length}/${MAX_TEXT}字，至少5个字`}>
          <TextArea
            id='opinion-text-input'
            className='tq-opinion-new__textarea'
            value={text}
            placeholder='遇到了什么困难，希望团组织帮忙做些什么'
            maxLength={MAX_TEXT}
            onChange={(v) => {
              setText(v)
              clear('text')
            }}
          />
        </Field>
        <PicturesField
          name='opinion-photos'
          label='照片'
          userId={me?.profile?.userId ?? null}
          value={photos}
          max={MAX_PHOTOS}
          error={errors.photos}
          hint={`最多${MAX_PHOTOS}张，照片会经过内容安全检查。`}
          disabled={working}
          onChange={(p) => {
            setPhotos(p)
            clear('photos')
          }}
          onUploading={setUploading}
        />
        <View className='tq-row tq-opinion-new__switch'>
          <View className='tq-grow'>
            <Text className='tq-opinion-new__switch-title'>匿名提交</Text>
            <Text className='tq-muted' id='opinion-anonymous-note'>
              匿名后，只有处理的团干部能看到你的姓名
            </Text>
          </View>
          <Switch id='opinion-anonymous' checked={anonymous} onChange={setAnonymous} />
        </View>
      </Section>
      <Notice id='opinion-new-notice'>{notice}</Notice>
      <View className='tq-actions'>
        <Button id='opinion-submit' className='tq-button' type='primary' size='large' block loading={busy} disabled={working} onClick={() => void submit()}>
          提交意见
        </Button>
        <Text className='tq-muted'>意见会先经过内容安全检查，再由团干部分派给团代表答复；答复后你会收到通知。</Text>
      </View>
    </>
  )
}

export default function OpinionNewPage() {
  return (
    <PageShell id='page-station-opinion-new' title='提意见' subtitle={`说说你的想法和困难，团代表会答复你；${OPINION_REPLY_DAYS}天未答复的由团干部督办`}>
      <OpinionForm />
    </PageShell>
  )
}
