import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import { LoadState } from '../../../../components/load-state'
import { Notice } from '../../../../components/notice'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { communityApi } from '../../../../services/api/community'
import { canSaveImage, isCancelled, isDenied, previewImages } from '../../../../utils/platform'

interface Props {
  groupId: string
  /** An invite-only group: its code is shown beside the picture, for those told it by word of mouth. */
  invite: boolean
}

/**
 * 小程序码: scanning it opens the group and its join flow. An invite-only group's code is the one the
 * mini-program code carries, given beside it by the server that made it.
 */
export function CodeTab({ groupId, invite }: Props) {
  const load = useCallback(() => communityApi.groupCode({ groupId }), [groupId])
  const code = usePageLoad(load, 'community.groupCode')
  const [saving, setSaving] = useState(false)
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)

  if (!code.data) return <LoadState state={code} errorId='code-error' retryId='code-retry' />
  const { imageUrl, inviteCode } = code.data

  const save = async () => {
    setNote(null)
    setSaving(true)
    try {
      const { tempFilePath } = await Taro.downloadFile({ url: imageUrl })
      await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
      setNote({ kind: 'success', text: '小程序码已保存到手机相册，可以发到微信群或打印张贴。' })
    } catch (e) {
      if (isCancelled(e)) return
      setNote({ kind: 'error', text: isDenied(e) ? '没有获得保存到相册的权限。请点右上角「···」→「设置」，允许保存到相册后再试。' : '保存没有成功，请稍后再试，或长按图片保存。' })
    } finally {
      setSaving(false)
    }
  }

  return (
    <View id='manage-code' className='tq-manage__code'>
      <Image id='code-image' className='tq-manage__code-img' src={imageUrl} mode='aspectFit' showMenuByLongpress onClick={() => previewImages([imageUrl])} />
      <Text className='tq-muted tq-manage__code-hint'>青年用微信扫码即可打开社群并加入。长按图片可保存或转发给朋友。</Text>
      {inviteCode ? (
        <View className='tq-row tq-manage__invite' id='code-invite'>
          <Text className='tq-grow'>{`邀请码：${inviteCode}`}</Text>
          <Button id='code-invite-copy' size='small' fill='outline' onClick={() => void Taro.setClipboardData({ data: inviteCode })}>
            复制
          </Button>
        </View>
      ) : null}
      {canSaveImage() ? (
        <Button id='code-save' className='tq-button' type='primary' size='large' block loading={saving} disabled={saving} onClick={() => void save()}>
          保存到相册
        </Button>
      ) : null}
      <Notice kind={note?.kind ?? 'info'} id='code-note'>
        {note?.text}
      </Notice>
    </View>
  )
}
