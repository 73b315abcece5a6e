import { drawMatrix, qrMatrix, type QrMatrix } from '../native/checkin-qr/matrix'
import type { DonorFiguresT } from '../../types/contract/donors'
import { wrapText, type Ctx2D } from './certificate-image'
import { givenLine, redeemedLine } from './donor-figures'

/**
 * The thank-you card of the donor board (感谢爱心企业), drawn on a Canvas 2D context for sharing:
 * one donor's card, or the whole county's. Pure drawing, as certificate-image.ts is: the page sizes the
 * canvas to CARD_WIDTH × CARD_HEIGHT, calls `drawDonorCard`, then exports the picture.
 */

export interface DonorCardData {
  countyName: string
  /** One donor's card; absent: the county's card, saying how many donors gave. */
  donor?: { name: string; story: string }
  donors?: number
  figures: DonorFiguresT
  /** The board's link for the QR code ('' draws none). */
  link: string
}

export const CARD_WIDTH = 750
export const CARD_HEIGHT = 1000
/** Lines of a donor's story on the card; a longer story ends with an ellipsis. */
export const CARD_STORY_LINES = 4

const PAD = 60
const RED = '#c8102e'
const GOLD = '#d4a017'
const INK = '#1f1f1f'
const GREY = '#5c5c66'

const font = (size: number, bold = false) => `${bold ? 'bold ' : ''}${size}px sans-serif`

/** The story's first lines, the last one ending in … when the story goes on. */
export function storyLines(ctx: Pick<Ctx2D, 'measureText'>, story: string, width: number, max = CARD_STORY_LINES): string[] {
  const lines = wrapText(ctx, story, width)
  if (lines.length <= max) return lines
  const shown = lines.slice(0, max)
  let last = shown[max - 1]
  while (last && ctx.measureText(`${last}…`).width > width) last = Array.from(last).slice(0, -1).join('')
  shown[max - 1] = `${last}…`
  return shown
}

/** The card's headline: the donor's name, or how many donors gave. */
export function cardHeadline(c: Pick<DonorCardData, 'donor' | 'donors'>): string {
  return c.donor ? c.donor.name : `${c.donors ?? 0} 家爱心企业`
}

export function drawDonorCard(ctx: Ctx2D, c: DonorCardData, qr: QrMatrix | null = c.link ? safeMatrix(c.link) : null): void {
  const W = CARD_WIDTH
  const H = CARD_HEIGHT
  ctx.fillStyle = '#fffaf0'
  ctx.fillRect(0, 0, W, H)
  ctx.fillStyle = RED
  ctx.fillRect(0, 0, W, 230)

  ctx.textBaseline = 'middle'
  ctx.textAlign = 'center'
  ctx.fillStyle = '#ffffff'
  ctx.font = font(58, true)
  ctx.fillText('感谢爱心企业', W / 2, 105)
  ctx.font = font(28)
  ctx.fillText(c.countyName, W / 2, 175)

  ctx.fillStyle = INK
  ctx.font = font(44, true)
  ctx.fillText(cardHeadline(c), W / 2, 310)
  let y = 390
  if (c.donor) {
    ctx.textAlign = 'left'
    ctx.font = font(30)
    ctx.fillStyle = GREY
    for (const line of storyLines(ctx, c.donor.story, W - 2 * PAD)) {
      ctx.fillText(line, PAD, y)
      y += 46
    }
  }

  // The figures, on a gold rule.
  y = Math.max(y + 30, 600)
  ctx.strokeStyle = GOLD
  ctx.lineWidth = 3
  ctx.beginPath()
  ctx.moveTo(PAD, y - 40)
  ctx.lineTo(W - PAD, y - 40)
  ctx.stroke()
  ctx.textAlign = 'left'
  ctx.fillStyle = INK
  ctx.font = font(30, true)
  for (const line of [givenLine(c.figures), redeemedLine(c.figures)]) {
    for (const part of wrapText(ctx, line, W - 2 * PAD)) {
      ctx.fillText(part, PAD, y)
      y += 48
    }
  }

  // Footer: who says thanks on the left, the board's code on the right.
  const qrSize = 170
  const footTop = H - qrSize - 70
  ctx.fillStyle = RED
  ctx.font = font(30, true)
  ctx.fillText('团青通 · 益币兑福利', PAD, footTop + 50)
  ctx.fillStyle = GREY
  ctx.font = font(24)
  ctx.fillText('志愿者用志愿服务换来的每一件物资，', PAD, footTop + 100)
  ctx.fillText('都来自爱心企业的捐赠。', PAD, footTop + 136)
  if (qr) {
    ctx.save()
    ctx.translate(W - PAD - qrSize, footTop)
    drawMatrix(ctx, qr, qrSize)
    ctx.restore()
    ctx.textAlign = 'center'
    ctx.font = font(22)
    ctx.fillText('扫码看爱心企业榜', W - PAD - qrSize / 2, footTop + qrSize + 26)
  }
}

function safeMatrix(value: string): QrMatrix | null {
  try {
    return qrMatrix(value, 'M')
  } catch {
    return null
  }
}
