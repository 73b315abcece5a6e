import Taro from '@tarojs/taro'
import { canSaveImage } from './platform'

/**
 * A picture drawn on a page's hidden Canvas 2D node, exported as a temporary PNG (mini program only;
 * the browser build draws with platform.ts drawToDataUrl). The page renders
 * `<Canvas type='2d' id={canvasId} …/>` and passes the drawing.
 */

interface CanvasNode {
  width: number
  height: number
  getContext(kind: '2d'): unknown
}

export type Draw2D = (ctx: CanvasRenderingContext2D) => void

export async function canvasPngFile(canvasId: string, width: number, height: number, scale: number, draw: Draw2D): Promise<string> {
  const node = await new Promise<CanvasNode | null>((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${canvasId}`)
      .fields({ node: true, size: true }, () => undefined)
      .exec((res: { node?: CanvasNode }[]) => resolve(res?.[0]?.node ?? null))
  })
  if (!node) throw new Error('没有找到画布')
  node.width = width * scale
  node.height = height * scale
  const ctx = node.getContext('2d') as CanvasRenderingContext2D
  ctx.scale(scale, scale)
  draw(ctx)
  const { tempFilePath } = await Taro.canvasToTempFilePath({
    canvas: node as unknown as Taro.canvasToTempFilePath.Option['canvas'],
    fileType: 'png',
  } as Taro.canvasToTempFilePath.Option)
  return tempFilePath
}

/** WeChat's own sheet for a picture: send to a friend, save, or favourite (base library 2.14.3+). */
export function canShareImageMenu(): boolean {
  return canSaveImage() && typeof (Taro as unknown as { showShareImageMenu?: unknown }).showShareImageMenu === 'function'
}
