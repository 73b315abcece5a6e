import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { communityContract } from '../../../../../types/contract/community'
import { ERRORS } from '../../../../../types/errors'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { usePageParams } from '../../../../hooks/use-page-params'
import { useSession } from '../../../../hooks/use-session'
import { toApiError } from '../../../../services/api'
import { communityApi } from '../../../../services/api/community'
import { issueFields, type FieldErrors } from '../../../../utils/form'
import { uuidV4 } from '../../../../utils/uuid'
import { PicturesField, type Picture } from '../../../cadre/pages/goods-edit/pictures-field'
import '../../../cadre/pages/goods-edit/pictures-field.scss'
import { backToCommunity } from '../tower/links'
import './index.scss'

const PostInput = communityContract.actions.postAnnouncement.input
const MAX_IMAGES = 9

/** Which field a refusal from the server belongs under. */
const FIELD_OF_CODE: Record<string, string> = {
  'ANNOUNCEMENT.IMAGE_RISKY': 'images',
  'FILE.NOT_OWN': 'images',
  'FILE.NOT_FOUND': 'images',
}

function Post() {
  const { groupId, groupName } = usePageParams('groupId', 'groupName')
  const { me } = useSession()
  // Made once for this form and sent with every attempt: a post whose reply was lost, sent again, is one announcement.
  const [requestId] = useState(uuidV4)
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [images, setImages] = useState<Picture[]>([])
  const [pinned, setPinned] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState('')
  const [busy, setBusy] = useState(false)
  const [uploading, setUploading] = useState(false)
  // A second tap lands before the button turns grey: the ref, set at once, keeps it from sending again.
  const sending = useRef(false)

  const clear = (key: string) => setErrors((e) => (e[key] ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== key)) : e))

  const post = async () => {
    if (sending.current) return
    setNotice('')
    const parsed = PostInput.safeParse({ requestId, groupId, title, body, images: images.map((p) => p.fileId), pinned })
    if (!parsed.success) {
      setErrors(issueFields(parsed.error.issues))
      setNotice('有几项需要修改，请看红色提示。')
      return
    }
    setErrors({})
    sending.current = true
    setBusy(true)
    try {
      const { announcement } = await communityApi.postAnnouncement(parsed.data)
      void Taro.showToast(
        announcement.status === 'pending' ? { title: '已提交，图片审核通过后成员才能看到', icon: 'none', duration: 2500 } : { title: '已发布', icon: 'success' },
      )
      // The button stays grey until the page is gone: it was posted.
      backToCommunity('manage', { id: groupId })
    } catch (e) {
      sending.current = false
      setBusy(false)
      const err = toApiError(e, 'community.postAnnouncement')
      const found = err.issues ? issueFields(err.issues) : {}
      const field = FIELD_OF_CODE[err.code]
      if (field && !found[field]) found[field] = err.message
      setErrors(found)
      // The server's own sentence (a content check names what it refused); the same key goes with the retry.
      setNotice(err.message)
    }
  }

  if (!groupId) return <Notice>{ERRORS['GROUP.NOT_FOUND']}</Notice>
  const working = busy || uploading
  return (
    <>
      {groupName ? <Text className='tq-muted tq-post__to'>{`发布到：${groupName}`}</Text> : null}
      <Section>
        <Field name='post-title' label='标题' required error={errors.title}>
          <Input
            id='post-title-input'
            className='tq-input'
            value={title}
            placeholder='如：周六上午河道清理志愿活动'
            maxLength={40}
            onChange={(v) => {
              setTitle(v)
              clear('title')
            }}
          />
        </Field>
        <Field name='post-body' label='内容' required error={errors.body}>
          <TextArea
            id='post-body-input'
            className='tq-post__textarea'
            value={body}
            placeholder='写清时间、地点和要做什么'
            maxLength={2000}
            showCount
            onChange={(v) => {
              setBody(v)
              clear('body')
            }}
          />
        </Field>
        <PicturesField
          name='post-images'
          label='图片'
          userId={me?.profile?.userId ?? null}
          value={images}
          max={MAX_IMAGES}
          error={errors.images}
          hint={`最多${MAX_IMAGES}张。图片通过内容安全检查后成员才能看到这条公告。`}
          disabled={working}
          onChange={(p) => {
            setImages(p)
            clear('images')
          }}
          onUploading={setUploading}
        />
        <View className='tq-row tq-post__switch'>
          <View className='tq-grow'>
            <Text className='tq-post__switch-title'>置顶</Text>
            <Text className='tq-muted'>置顶的公告排在最前面</Text>
          </View>
          <Switch id='post-pinned' checked={pinned} onChange={setPinned} />
        </View>
      </Section>
      <Notice id='post-notice'>{notice}</Notice>
      <View className='tq-actions'>
        <Button id='post-submit' className='tq-button' type='primary' size='large' block loading={busy} disabled={working} onClick={() => void post()}>
          发布公告
        </Button>
        <Text className='tq-muted'>公告的文字和图片会先经过内容安全检查；订阅了提醒的成员会收到通知。</Text>
      </View>
    </>
  )
}

export default function PostPage() {
  return (
    <PageShell id='page-community-post' title='发布公告' subtitle='社群成员在社群主页看到公告，管理员看得到已读人数'>
      <Post />
    </PageShell>
  )
}
