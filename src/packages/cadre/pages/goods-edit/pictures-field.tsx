import { useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import { Field } from '../../../../components/field'
import { toApiError } from '../../../../services/api'
import { uploadPhotos } from '../../../../services/files'
import { choosePhotos } from '../../../../utils/platform'

/** One picture of the form: its file id, something to show it by, and its content check once saved. */
export interface Picture {
  fileId: string
  /** The phone's own copy after an upload, or the server's temporary URL; null when the file is gone. */
  preview: string | null
  check?: 'pending' | 'pass' | 'risky'
}

interface Props {
  /** Ids: `<name>-add`, `<name>-remove-<i>`, `<name>-<i>`. */
  name: string
  label: string
  /** The cadre's user id (their upload folder); null without a profile, who cannot upload. */
  userId: string | null
  value: Picture[]
  max: number
  required?: boolean
  hint?: string
  error?: string
  disabled?: boolean
  onChange: (pictures: Picture[]) => void
  onUploading: (uploading: boolean) => void
}

const CHECK_NOTE: Record<'pending' | 'risky', string> = { pending: '检查中', risky: '未通过' }

/**
 * Pictures chosen on the phone and uploaded at once into the cadre's own folder (the functions take
 * only such uploads, then check them like activity covers: others see one only once it passed).
 */
export function PicturesField({ name, label, userId, value, max, required, hint, error, disabled, onChange, onUploading }: Props) {
  const [uploading, setUploading] = useState(false)
  const [uploadError, setUploadError] = useState('')
  const room = max - value.length

  const add = async () => {
    if (!userId || room <= 0) return
    const paths = await choosePhotos(room)
    if (!paths.length) return
    setUploadError('')
    setUploading(true)
    onUploading(true)
    try {
      const ids = await uploadPhotos(userId, paths)
      onChange([...value, ...ids.map((fileId, i) => ({ fileId, preview: paths[i] ?? null }))])
    } catch (e) {
      setUploadError(toApiError(e, 'files.uploadPhotos').message)
    } finally {
      setUploading(false)
      onUploading(false)
    }
  }

  const remove = (i: number) => {
    setUploadError('')
    onChange(value.filter((_, j) => j !== i))
  }

  return (
    <Field name={name} label={label} required={required} error={uploadError || error} hint={userId ? hint : '登记青年档案后才能上传图片。'}>
      {value.length ? (
        <View className='tq-row tq-pictures'>
          {value.map((p, i) => (
            <View key={p.fileId} id={`${name}-${i}`} className='tq-pictures__item'>
              {p.preview ? <Image src={p.preview} mode='aspectFill' className='tq-pictures__img' /> : <Text className='tq-pictures__gone'>图片已失效</Text>}
              {p.check && p.check !== 'pass' ? <Text className={`tq-pictures__check tq-pictures__check--${p.check}`}>{CHECK_NOTE[p.check]}</Text> : null}
              <Button id={`${name}-remove-${i}`} size='small' fill='outline' disabled={uploading || disabled} onClick={() => remove(i)}>
                移除
              </Button>
            </View>
          ))}
        </View>
      ) : null}
      {userId && room > 0 ? (
        <Button id={`${name}-add`} className='tq-button' type='primary' fill='outline' block loading={uploading} disabled={disabled} onClick={() => void add()}>
          {uploading ? '上传中…' : value.length ? `再添加图片（还可添加${room}张）` : '选择图片'}
        </Button>
      ) : null}
    </Field>
  )
}
