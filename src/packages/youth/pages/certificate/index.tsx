import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Canvas, Image, Text, View } from '@tarojs/components'
import { PageShell } from '../../../../components/page-shell'
import { Notice } from '../../../../components/notice'
import { LoadState } from '../../../../components/load-state'
import { QrCode } from '../../../../components/qr-code'
import { Stars } from '../../../../components/stars'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { certificatesApi } from '../../../../services/api/certificates'
import { CERT_WIDTH, certificateHeight, certificateSentence, drawCertificate, type CertificateData } from '../../../../utils/certificate-image'
import { certificateVerifyValue } from '../../../../utils/certificate-link'
import { canSaveImage, downloadDataUrl, drawToDataUrl, isCancelled, isDenied } from '../../../../utils/platform'
import { formatDate, formatDotDate, hoursText } from '../../../../utils/time'
import './index.scss'

const CANVAS_ID = 'certificate-canvas'
/** Device pixels per canvas unit in the saved picture (1500 px wide). */
const IMAGE_SCALE = 2

interface CanvasNode {
  width: number
  height: number
  getContext(kind: '2d'): unknown
}

/** Finds the hidden canvas, draws the certificate and exports it as a temporary PNG (mini program only). */
async function certificateFile(cert: CertificateData): Promise<string> {
  const node = await new Promise<CanvasNode | null>((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true }, () => undefined)
      .exec((res: { node?: CanvasNode }[]) => resolve(res?.[0]?.node ?? null))
  })
  if (!node) throw new Error('没有找到画布')
  const height = certificateHeight(cert.records.length)
  node.width = CERT_WIDTH * IMAGE_SCALE
  node.height = height * IMAGE_SCALE
  const ctx = node.getContext('2d') as Parameters<typeof drawCertificate>[0] & { scale(x: number, y: number): void }
  ctx.scale(IMAGE_SCALE, IMAGE_SCALE)
  drawCertificate(ctx, cert)
  const { tempFilePath } = await Taro.canvasToTempFilePath({
    canvas: node as unknown as Taro.canvasToTempFilePath.Option['canvas'],
    fileType: 'png',
  } as Taro.canvasToTempFilePath.Option)
  return tempFilePath
}

/** WeChat's own sheet for a picture: send to a friend, save, or favourite (base library 2.14.3+). */
function canShareImage(): boolean {
  return canSaveImage() && typeof (Taro as unknown as { showShareImageMenu?: unknown }).showShareImageMenu === 'function'
}

/** The browser build's picture: the same drawing at the same size, as a PNG data URL. */
function certificatePicture(cert: CertificateData): string | null {
  return drawToDataUrl(CERT_WIDTH * IMAGE_SCALE, certificateHeight(cert.records.length) * IMAGE_SCALE, (ctx) => {
    ctx.scale(IMAGE_SCALE, IMAGE_SCALE)
    drawCertificate(ctx as unknown as Parameters<typeof drawCertificate>[0], cert)
  })
}

const fetchCertificate = () => certificatesApi.certificate({})

export default function CertificatePage() {
  const page = usePageLoad(fetchCertificate, 'activity.certificate')
  const cert: CertificateData | null = page.data
  const [saving, setSaving] = useState(false)
  const [saveNote, setSaveNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const [picture, setPicture] = useState<string | null>(null)

  const makePicture = (c: CertificateData) => {
    const url = certificatePicture(c)
    setPicture(url)
    setSaveNote(url ? null : { kind: 'error', text: '这个浏览器不能生成图片，请直接截屏保存。' })
  }

  const save = async (how: 'album' | 'share') => {
    if (!cert) return
    setSaving(true)
    setSaveNote(null)
    try {
      const filePath = await certificateFile(cert)
      if (how === 'share') {
        await Taro.showShareImageMenu({ path: filePath })
      } else {
        await Taro.saveImageToPhotosAlbum({ filePath })
        setSaveNote({ kind: 'success', text: '已保存到手机相册。' })
      }
    } catch (e) {
      if (isCancelled(e)) return
      setSaveNote({
        kind: 'error',
        text: isDenied(e)
          ? '没有获得保存到相册的权限。请点右上角「···」→「设置」，允许保存到相册后再试；也可以直接截屏保存。'
          : '保存图片没有成功，请稍后再试，或直接截屏保存。',
      })
    } finally {
      setSaving(false)
    }
  }

  return (
    <PageShell id='page-certificate'>
      {cert ? null : <LoadState state={page} errorId='certificate-load-error' retryId='certificate-retry' />}
      {cert ? (
        <>
          <View className='tq-cert' id='certificate-card'>
            <View className='tq-cert__inner'>
              <Text className='tq-cert__title'>志愿服务证明</Text>
              <Text className='tq-cert__serial' id='certificate-serial'>{`编号 ${cert.serial}`}</Text>
              <Text className='tq-cert__sentence' id='certificate-sentence'>
                {certificateSentence(cert)}
              </Text>
              <View className='tq-cert__stars'>
                <Stars id='certificate-stars' count={cert.stars} />
              </View>
              <View className='tq-cert__summary'>
                <Text className='tq-cert__holder' id='certificate-holder'>
                  {cert.holderName}
                </Text>
                <Text className='tq-cert__total' id='certificate-total'>{`累计 ${hoursText(cert.totalMinutes)} 小时`}</Text>
              </View>
              <View className='tq-cert__table' id='certificate-records'>
                <View className='tq-cert__tr tq-cert__tr--head'>
                  <Text className='tq-cert__td tq-cert__td--date'>日期</Text>
                  <Text className='tq-cert__td tq-cert__td--title'>服务内容</Text>
                  <Text className='tq-cert__td tq-cert__td--num'>时长</Text>
                  <Text className='tq-cert__td tq-cert__td--src'>类别</Text>
                </View>
                {cert.records.length ? (
                  cert.records.map((r, i) => (
                    <View key={`${r.at}-${i}`} className='tq-cert__tr'>
                      <Text className='tq-cert__td tq-cert__td--date'>{formatDotDate(r.at)}</Text>
                      <Text className='tq-cert__td tq-cert__td--title'>{r.title}</Text>
                      <Text className='tq-cert__td tq-cert__td--num'>{`${hoursText(r.minutes)}小时`}</Text>
                      <Text className='tq-cert__td tq-cert__td--src'>{r.source === 'attended' ? '信用' : '荣誉'}</Text>
                    </View>
                  ))
                ) : (
                  <View className='tq-cert__tr'>
                    <Text className='tq-cert__td tq-cert__td--title'>暂无已通过审核的时长记录</Text>
                  </View>
                )}
              </View>
              <View className='tq-cert__foot'>
                <View className='tq-grow'>
                  <Text className='tq-cert__issuer'>团青通志愿服务平台</Text>
                  <Text className='tq-cert__date' id='certificate-issued'>{`发证日期 ${formatDate(cert.issuedAt)}`}</Text>
                  <Text className='tq-cert__legend'>信用时长：签到签退记录；荣誉时长：申报审核</Text>
                </View>
                <View className='tq-cert__qr'>
                  <QrCode id='certificate-qr' value={certificateVerifyValue(cert.serial)} size={96} />
                  <Text className='tq-cert__qr-caption'>扫码验真</Text>
                </View>
              </View>
            </View>
          </View>
          {canSaveImage() ? (
            <View className='tq-actions'>
              <Notice kind={saveNote?.kind ?? 'info'} id='certificate-save-note'>
                {saveNote?.text}
              </Notice>
              <Button id='certificate-save' className='tq-button' type='primary' size='large' block loading={saving} onClick={() => void save('album')}>
                保存图片
              </Button>
              {canShareImage() ? (
                <Button id='certificate-share' className='tq-button' size='large' block disabled={saving} onClick={() => void save('share')}>
                  分享图片
                </Button>
              ) : null}
              {/* Drawn off screen at full size, then exported to the album. */}
              <Canvas type='2d' id={CANVAS_ID} className='tq-cert__canvas' style={{ width: `${CERT_WIDTH}px`, height: `${certificateHeight(cert.records.length)}px` }} />
            </View>
          ) : (
            <View className='tq-actions'>
              {picture ? (
                <View className='tq-cert__picture'>
                  <Image id='certificate-image' src={picture} mode='widthFix' className='tq-cert__picture-img' showMenuByLongpress />
                  <Text className='tq-muted tq-cert__picture-hint'>长按图片保存或分享；在电脑上可以下载。</Text>
                  <Button id='certificate-download' className='tq-button' size='large' block onClick={() => downloadDataUrl(picture, `志愿服务证明-${cert.serial}.png`)}>
                    下载图片
                  </Button>
                </View>
              ) : (
                <>
                  <Notice kind='error' id='certificate-picture-note'>
                    {saveNote?.text}
                  </Notice>
                  <Button id='certificate-picture' className='tq-button' type='primary' size='large' block onClick={() => makePicture(cert)}>
                    生成证明图片
                  </Button>
                </>
              )}
            </View>
          )}
        </>
      ) : null}
    </PageShell>
  )
}
