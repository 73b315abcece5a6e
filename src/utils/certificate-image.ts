import { drawMatrix, qrMatrix, type QrMatrix } from '../native/checkin-qr/matrix'
import { certificateVerifyValue } from './certificate-link'
import { formatDate, formatDotDate, hoursText } from './time'

/**
 * 志愿服务证明 drawn on a Canvas 2D context, for 保存图片 in the mini program. Pure drawing: the page
 * finds the canvas, sizes it with `certificateHeight`, calls `drawCertificate`, then exports it.
 */

export interface CertificateData {
  serial: string
  holderName: string
  records: { title: string; at: number; minutes: number; source: 'attended' | 'declared' }[]
  totalMinutes: number
  stars: number
  issuedAt: number
}

/** The subset of CanvasRenderingContext2D used here (the mini program's Canvas 2D has the same names). */
export interface Ctx2D {
  fillStyle: unknown
  strokeStyle: unknown
  lineWidth: number
  font: string
  textAlign: string
  textBaseline: string
  fillRect(x: number, y: number, w: number, h: number): void
  strokeRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  stroke(): void
  save(): void
  restore(): void
  translate(x: number, y: number): void
}

export const CERT_WIDTH = 750
/** Rows drawn on the picture; longer histories end with a line saying how many more there are. */
export const CERT_MAX_ROWS = 25

const PAD = 70
const ROW = 54
const HEAD = 480
const FOOT = 330
const RED = '#c8102e'
const GOLD = '#d4a017'
const INK = '#1f1f1f'
const GREY = '#5c5c66'

export function certificateHeight(rows: number): number {
  const shown = Math.min(rows, CERT_MAX_ROWS)
  const more = rows > CERT_MAX_ROWS ? 1 : 0
  return HEAD + ROW * (1 + Math.max(shown, 1) + more) + FOOT
}

function font(size: number, bold = false): string {
  return `${bold ? 'bold ' : ''}${size}px sans-serif`
}

/** Punctuation that may not begin a line; it hangs at the end of the line before instead. */
const NO_LINE_START = new Set(Array.from('。，、；：！？）》」』”’．.,;:!?)'))

/** Splits text into lines no wider than `width` (character by character: Chinese has no spaces). */
export function wrapText(ctx: Pick<Ctx2D, 'measureText'>, text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const ch of Array.from(text)) {
    if (line && !NO_LINE_START.has(ch) && ctx.measureText(line + ch).width > width) {
      lines.push(line)
      line = ch
    } else line += ch
  }
  if (line) lines.push(line)
  return lines
}

function ellipsize(ctx: Pick<Ctx2D, 'measureText'>, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text
  let out = ''
  for (const ch of Array.from(text)) {
    if (ctx.measureText(out + ch + '…').width > width) break
    out += ch
  }
  return out + '…'
}

export function certificateSentence(c: Pick<CertificateData, 'holderName' | 'totalMinutes' | 'stars'>): string {
  const star = c.stars > 0 ? `，为${c.stars}星志愿者` : ''
  return `兹证明 ${c.holderName} 累计参加志愿服务 ${hoursText(c.totalMinutes)} 小时${star}。特发此证。`
}

export function drawCertificate(ctx: Ctx2D, c: CertificateData, qr: QrMatrix | null = safeMatrix(certificateVerifyValue(c.serial))): number {
  const W = CERT_WIDTH
  const H = certificateHeight(c.records.length)
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
  ctx.font = font(52, true)
  ctx.fillText('志愿服务证明', W / 2, 120)
  ctx.fillStyle = GREY
  ctx.font = font(24)
  ctx.fillText(`编号 ${c.serial}`, W / 2, 176)

  ctx.textAlign = 'left'
  ctx.fillStyle = INK
  ctx.font = font(32)
  let y = 250
  for (const line of wrapText(ctx, certificateSentence(c), W - 2 * PAD)) {
    ctx.fillText(line, PAD, y)
    y += 50
  }
  ctx.textAlign = 'center'
  ctx.fillStyle = GOLD
  ctx.font = font(44)
  ctx.fillText(Array.from({ length: 5 }, (_, i) => (i < c.stars ? '★' : '☆')).join(' '), W / 2, HEAD - 70)

  // The records table.
  const cols = [PAD, PAD + 190, W - PAD - 190, W - PAD - 90]
  y = HEAD
  ctx.textAlign = 'left'
  ctx.font = font(26, true)
  ctx.fillStyle = GREY
  ;['日期', '服务内容', '时长', '类别'].forEach((h, i) => ctx.fillText(h, cols[i], y + ROW / 2))
  ctx.strokeStyle = '#e5e5ea'
  ctx.lineWidth = 2
  const rule = (at: number) => {
    ctx.beginPath()
    ctx.moveTo(PAD, at)
    ctx.lineTo(W - PAD, at)
    ctx.stroke()
  }
  rule(y + ROW)
  y += ROW
  ctx.font = font(26)
  ctx.fillStyle = INK
  const shown = c.records.slice(0, CERT_MAX_ROWS)
  if (!shown.length) {
    ctx.fillStyle = GREY
    ctx.fillText('暂无已通过的时长记录', cols[0], y + ROW / 2)
    y += ROW
  }
  for (const r of shown) {
    ctx.fillText(formatDotDate(r.at), cols[0], y + ROW / 2)
    ctx.fillText(ellipsize(ctx, r.title, cols[2] - cols[1] - 20), cols[1], y + ROW / 2)
    ctx.fillText(`${hoursText(r.minutes)}小时`, cols[2], y + ROW / 2)
    ctx.fillText(r.source === 'attended' ? '信用' : '荣誉', cols[3], y + ROW / 2)
    y += ROW
    rule(y)
  }
  if (c.records.length > CERT_MAX_ROWS) {
    ctx.fillStyle = GREY
    ctx.fillText(`……另有 ${c.records.length - CERT_MAX_ROWS} 条记录，扫码可查验`, cols[0], y + ROW / 2)
    y += ROW
  }

  // Footer: issuer and date on the left, the verification code on the right.
  const footTop = H - FOOT + 40
  ctx.textAlign = 'left'
  ctx.fillStyle = INK
  ctx.font = font(28, true)
  ctx.fillText('团青通志愿服务平台', PAD, footTop + 60)
  ctx.font = font(26)
  ctx.fillStyle = GREY
  ctx.fillText(`发证日期 ${formatDate(c.issuedAt)}`, PAD, footTop + 110)
  ctx.fillText('信用时长：签到签退记录；荣誉时长：申报审核', PAD, footTop + 160)
  const qrSize = 180
  ctx.save()
  ctx.translate(W - PAD - qrSize, footTop)
  drawMatrix(ctx, qr, qrSize)
  ctx.restore()
  ctx.textAlign = 'center'
  ctx.font = font(22)
  ctx.fillText('扫码验真', W - PAD - qrSize / 2, footTop + qrSize + 26)
  return H
}

function safeMatrix(value: string): QrMatrix | null {
  try {
    return qrMatrix(value, 'M')
  } catch {
    return null
  }
}
