import { useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import { Field } from '../../../../components/field'
import { toApiError } from '../../../../services/api'
import { uploadPhotos } from '../../../../services/files'
import { choosePhotos } from '../../../../utils/platform'

interface Props {
  /** The cadre's user id (the upload folder); null without a profile, who cannot upload. */
  userId: string | null
  cover: string | null
  preview: string | null
  /** The server's refusal of the cover, if any. */
  error?: string
  /** Another action of the form is running. */
  disabled?: boolean
  /** The saved cover's content check, while that cover is still the one chosen. */
  check?: 'pending' | 'pass' | 'risky' | null
  onChange: (cover: string | null, preview: string | null) => void
  onUploading: (uploading: boolean) => void
}

/** The activity's cover: chosen and uploaded at once, shown from the phone's copy; removable. */
export function CoverField({ userId, cover, preview, error, disabled, check, onChange, onUploading }: Props) {
  const [uploading, setUploading] = useState(false)
  const [uploadError, setUploadError] = useState('')
  const has = !!cover

  const choose = async () => {
    if (!userId) return
    const [path] = await choosePhotos(1)
    if (!path) return
    setUploadError('')
    setUploading(true)
    onUploading(true)
    try {
      const [fileId] = await uploadPhotos(userId, [path])
      onChange(fileId, path)
    } catch (e) {
      setUploadError(toApiError(e, 'files.uploadPhotos').message)
    } finally {
      setUploading(false)
      onUploading(false)
    }
  }

  const remove = () => {
    setUploadError('')
    onChange(null, null)
  }

  return (
    <Field
      name='edit-cover'
      label='封面图片'
      error={uploadError || error || (check === 'risky' ? '这张封面未通过内容安全检查，其他人看不到，请更换。' : undefined)}
      hint={check === 'pending' ? '封面正在做内容安全检查，通过后其他人才能看到。' : userId ? '选一张能代表活动的照片，横向的效果最好。' : undefined}
    >
      {has ? (
        <View id='edit-cover-preview' className='tq-edit__cover'>
          {preview ? (
            <Image id='edit-cover-image' src={preview} mode='aspectFill' className='tq-edit__cover-img' />
          ) : (
            <Text className='tq-edit__cover-gone'>图片已失效，请更换或移除</Text>
          )}
        </View>
      ) : null}
      {userId ? (
        <View className='tq-row tq-edit__cover-actions'>
          <Button
            id='edit-cover-choose'
            className='tq-button tq-grow'
            type='primary'
            fill='outline'
            loading={uploading}
            disabled={disabled}
            onClick={() => void choose()}
          >
            {uploading ? '上传中…' : has ? '更换图片' : '选择图片'}
          </Button>
          {has ? (
            <Button id='edit-cover-remove' className='tq-button' fill='outline' disabled={uploading || disabled} onClick={remove}>
              移除
            </Button>
          ) : null}
        </View>
      ) : (
        <View className='tq-row tq-edit__cover-actions'>
          <Text id='edit-cover-no-profile' className='tq-muted tq-grow'>
            登记青年档案后才能上传图片。
          </Text>
          {has ? (
            <Button id='edit-cover-remove' className='tq-button' fill='outline' disabled={disabled} onClick={remove}>
              移除
            </Button>
          ) : null}
        </View>
      )}
    </Field>
  )
}
