import { drawMatrix, qrMatrix, type QrMatrix } from '../native/checkin-qr/matrix'
import type { DonorCertificateT } from '../../types/contract/donors'
import { wrapText, type Ctx2D } from './certificate-image'
import { certificateVerifyValue } from './certificate-link'
import { yuanText } from './donor-figures'
import { formatDate } from './time'

/**
 * 爱心证书 drawn on a Canvas 2D context, for saving and printing: the donor, what it gave and what
 * became of it as printed, the issuing org and date, and the QR code of its public check. Pure drawing,
 * framed like the volunteer certificate (certificate-image.ts).
 */

export const DONOR_CERT_WIDTH = 750
export const DONOR_CERT_HEIGHT = 1120

const PAD = 80
const RED = '#c8102e'
const GOLD = '#d4a017'
const INK = '#1f1f1f'
const GREY = '#5c5c66'

const font = (size: number, bold = false) => `${bold ? 'bold ' : ''}${size}px sans-serif`

/** The words of the certificate, the same on the page and in the picture. */
export function donorCertificateSentence(c: Pick<DonorCertificateT, 'donorName' | 'orgName' | 'figures' | 'issuedAt'>): string {
  const f = c.figures
  const used = f.redeemedUnits > 0 ? `截至${formatDate(c.issuedAt)}，已有 ${f.volunteers} 名志愿者用志愿服务兑换其中 ${f.redeemedUnits} 件。` : ''
  return `${c.donorName}热心公益，通过团青通“益币兑福利”捐赠爱心物资 ${f.givenUnits} 件，价值 ${yuanText(f.givenValue)}。${used}特发此证，以致谢忱。`
}

/** The rows of the figures table: label and value. */
export function donorCertificateRows(f: DonorCertificateT['figures']): [string, string][] {
  return [
    ['捐赠物资', `${f.givenUnits} 件`],
    ['物资价值', yuanText(f.givenValue)],
    ['已兑换', `${f.redeemedUnits} 件`],
    ['兑换价值', yuanText(f.redeemedValue)],
    ['惠及志愿者', `${f.volunteers} 名`],
  ]
}

export function drawDonorCertificate(ctx: Ctx2D, c: DonorCertificateT, qr: QrMatrix | null = safeMatrix(certificateVerifyValue(c.serial))): void {
  const W = DONOR_CERT_WIDTH
  const H = DONOR_CERT_HEIGHT
  ctx.fillStyle = '#fffdf7'
  ctx.fillRect(0, 0, W, H)
  ctx.strokeStyle = RED
  ctx.lineWidth = 8
  ctx.strokeRect(20, 20, W - 40, H - 40)
  ctx.strokeStyle = GOLD
  ctx.lineWidth = 2
  ctx.strokeRect(36, 36, W - 72, H - 72)

  ctx.textBaseline = 'middle'
  ctx.textAlign = 'center'
  ctx.fillStyle = RED
  ctx.font = font(56, true)
  ctx.fillText('爱心证书', W / 2, 125)
  ctx.fillStyle = GREY
  ctx.font = font(24)
  ctx.fillText(`编号 ${c.serial}`, W / 2, 185)

  ctx.textAlign = 'left'
  ctx.fillStyle = INK
  ctx.font = font(32)
  let y = 265
  for (const line of wrapText(ctx, donorCertificateSentence(c), W - 2 * PAD)) {
    ctx.fillText(line, PAD, y)
    y += 52
  }

  y += 20
  ctx.strokeStyle = '#e5e0d0'
  ctx.lineWidth = 2
  ctx.font = font(28)
  for (const [label, value] of donorCertificateRows(c.figures)) {
    ctx.textAlign = 'left'
    ctx.fillStyle = GREY
    ctx.fillText(label, PAD, y + 28)
    ctx.textAlign = 'right'
    ctx.fillStyle = INK
    ctx.fillText(value, W - PAD, y + 28)
    y += 56
    ctx.beginPath()
    ctx.moveTo(PAD, y)
    ctx.lineTo(W - PAD, y)
    ctx.stroke()
  }

  const qrSize = 170
  const footTop = H - qrSize - 100
  ctx.textAlign = 'left'
  ctx.fillStyle = INK
  ctx.font = font(30, true)
  for (const [i, line] of wrapText(ctx, c.orgName, W - 2 * PAD - qrSize - 30).slice(0, 2).entries()) ctx.fillText(line, PAD, footTop + 50 + i * 44)
  ctx.font = font(26)
  ctx.fillStyle = GREY
  ctx.fillText(`发证日期 ${formatDate(c.issuedAt)}`, PAD, footTop + 150)
  ctx.save()
  ctx.translate(W - PAD - qrSize, footTop)
  drawMatrix(ctx, qr, qrSize)
  ctx.restore()
  ctx.textAlign = 'center'
  ctx.font = font(22)
  ctx.fillText('扫码验真', W - PAD - qrSize / 2, footTop + qrSize + 26)
}

function safeMatrix(value: string): QrMatrix | null {
  try {
    return qrMatrix(value, 'M')
  } catch {
    return null
  }
}
