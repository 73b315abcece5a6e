import { useCallback, useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Canvas, Image, Text, View } from '@tarojs/components'
import { canShareImageMenu, canvasPngFile } from '../../utils/canvas-file'
import { canSaveImage, downloadDataUrl, drawToDataUrl, isCancelled, isDenied } from '../../utils/platform'
import { Notice } from '../notice'
import './index.scss'

/**
 * A picture drawn on demand and handed to the person: in the mini program it is drawn on one hidden
 * Canvas 2D node and offered in WeChat's share sheet (send to a friend, save, favourite) — or saved to
 * the album where the sheet is missing; in the browser it is shown as an image to long-press or
 * download. One per page however many things on it can be shared.
 */

/** Device pixels per drawing unit in the exported picture. */
const SCALE = 2

export interface Picture {
  width: number
  height: number
  /** Draws on a Canvas 2D context of `width` × `height` units. */
  draw: (ctx: CanvasRenderingContext2D) => void
  /** The download's file name in the browser. */
  fileName: string
}

export function usePictureShare(id: string): { share: (p: Picture) => Promise<void>; busy: boolean; view: ReactNode } {
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const [shown, setShown] = useState<{ url: string; fileName: string } | null>(null)
  const [size, setSize] = useState({ width: 1, height: 1 })

  const share = useCallback(
    async (p: Picture) => {
      setNote(null)
      if (!canSaveImage()) {
        const url = drawToDataUrl(p.width * SCALE, p.height * SCALE, (ctx) => {
          ctx.scale(SCALE, SCALE)
          p.draw(ctx)
        })
        setShown(url ? { url, fileName: p.fileName } : null)
        if (!url) setNote({ kind: 'error', text: '这个浏览器不能生成图片，请直接截屏分享。' })
        return
      }
      setBusy(true)
      setSize({ width: p.width, height: p.height })
      try {
        const filePath = await canvasPngFile(`${id}-canvas`, p.width, p.height, SCALE, p.draw)
        if (canShareImageMenu()) await Taro.showShareImageMenu({ path: filePath })
        else {
          await Taro.saveImageToPhotosAlbum({ filePath })
          setNote({ kind: 'success', text: '图片已保存到手机相册，可以发给朋友或发到朋友圈。' })
        }
      } catch (e) {
        if (isCancelled(e)) return
        setNote({
          kind: 'error',
          text: isDenied(e) ? '没有获得保存到相册的权限。请点右上角「···」→「设置」，允许保存到相册后再试。' : '生成图片没有成功，请稍后再试，或直接截屏分享。',
        })
      } finally {
        setBusy(false)
      }
    },
    [id],
  )

  const view = (
    <View className='tq-picture-share'>
      <Notice kind={note?.kind ?? 'info'} id={`${id}-note`}>
        {note?.text}
      </Notice>
      {canSaveImage() ? (
        // Drawn off screen at full size, then exported.
        <Canvas type='2d' id={`${id}-canvas`} className='tq-picture-share__canvas' style={{ width: `${size.width}px`, height: `${size.height}px` }} />
      ) : null}
      {shown ? (
        <View className='tq-picture-share__sheet' id={`${id}-sheet`}>
          <View className='tq-picture-share__panel'>
            <Image id={`${id}-image`} src={shown.url} mode='widthFix' className='tq-picture-share__img' showMenuByLongpress />
            <Text className='tq-muted tq-picture-share__hint'>长按图片保存或发送给朋友；在电脑上可以下载。</Text>
            <Button id={`${id}-download`} className='tq-button' type='primary' size='large' block onClick={() => downloadDataUrl(shown.url, shown.fileName)}>
              下载图片
            </Button>
            <Button id={`${id}-close`} className='tq-button' size='large' block onClick={() => setShown(null)}>
              关闭
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
  return { share, busy, view }
}
