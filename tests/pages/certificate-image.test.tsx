import { qrMatrix } from '../../src/native/checkin-qr/matrix'
import { CERT_MAX_ROWS, CERT_WIDTH, certificateHeight, drawCertificate, wrapText, type Ctx2D } from '../../src/utils/certificate-image'
import { certificateVerifyValue, publicBaseUrl, serialFromLink } from '../../src/utils/certificate-link'

/** A Canvas 2D stand-in that records what is written and filled (one character ≈ its font size wide). */
function recorder() {
  const texts: string[] = []
  let fills = 0
  let size = 16
  const stack: unknown[] = []
  const ctx: Ctx2D & { scale: () => void } = {
    fillStyle: '#000',
    strokeStyle: '#000',
    lineWidth: 1,
    textAlign: 'left',
    textBaseline: 'alphabetic',
    get font() {
      return `${size}px sans-serif`
    },
    set font(f: string) {
      size = Number(/(\d+)px/.exec(f)?.[1] ?? 16)
    },
    fillRect: () => void (fills += 1),
    strokeRect: () => undefined,
    fillText: (t: string) => void texts.push(t),
    measureText: (t: string) => ({ width: Array.from(t).length * size }),
    beginPath: () => undefined,
    moveTo: () => undefined,
    lineTo: () => undefined,
    stroke: () => undefined,
    save: () => void stack.push(size),
    restore: () => void stack.pop(),
    translate: () => undefined,
    scale: () => undefined,
  }
  return { ctx, texts, fills: () => fills }
}

const cert = (rows: number) => ({
  serial: 'AB12-CD34-EF56',
  holderName: '李青',
  records: Array.from({ length: rows }, (_, i) => ({ title: `志愿服务活动第${i + 1}场：社区环境整治与敬老院探访`, at: Date.UTC(2026, 9, 1 + i, 2), minutes: 150, source: (i % 2 ? 'declared' : 'attended') as 'attended' | 'declared' })),
  totalMinutes: rows * 150,
  stars: 1,
  issuedAt: Date.UTC(2026, 10, 1, 2),
})

describe('志愿服务证明 picture (保存图片)', () => {
  it('draws the title, serial, sentence, records, issue date and a verification code', () => {
    const { ctx, texts, fills } = recorder()
    const height = drawCertificate(ctx, cert(3))
    expect(height).toBe(certificateHeight(3))
    const all = texts.join('')
    expect(all).toContain('志愿服务证明')
    expect(all).toContain('编号 AB12-CD34-EF56')
    expect(all).toContain('李青')
    expect(all).toContain('7.5 小时')
    expect(all).toContain('2026.10.01')
    expect(all).toContain('2.5小时')
    expect(all).toContain('荣誉')
    expect(all).toContain('发证日期 2026年11月1日')
    expect(all).toContain('扫码验真')
    // The QR's dark modules are filled squares (far more than the background and frame).
    expect(fills()).toBeGreaterThan(100)
  })

  it('keeps long titles inside their column and long histories to a fixed number of rows', () => {
    const { ctx, texts } = recorder()
    drawCertificate(ctx, cert(CERT_MAX_ROWS + 7))
    expect(texts.some((t) => t.endsWith('…'))).toBe(true)
    expect(texts).toContain('……另有 7 条记录，扫码可查验')
    expect(texts.filter((t) => /^2026\.\d\d\.\d\d$/.test(t))).toHaveLength(CERT_MAX_ROWS)
    expect(certificateHeight(CERT_MAX_ROWS + 7)).toBe(certificateHeight(CERT_MAX_ROWS) + 54)
  })

  it('wraps Chinese text by width, character by character', () => {
    const { ctx } = recorder()
    ctx.font = '10px sans-serif'
    expect(wrapText(ctx, '一二三四五六七', 30)).toEqual(['一二三', '四五六', '七'])
    expect(CERT_WIDTH).toBe(750)
  })

  it('never starts a line with closing punctuation: it hangs at the end of the line before', () => {
    const { ctx } = recorder()
    ctx.font = '10px sans-serif'
    expect(wrapText(ctx, '一二三。四五', 30)).toEqual(['一二三。', '四五'])
    expect(wrapText(ctx, '一二三，”四', 30)).toEqual(['一二三，”', '四'])
  })
})

describe('the verification link in the QR code', () => {
  const saved = { env: process.env.TARO_ENV, url: process.env.TARO_APP_PUBLIC_URL }
  afterEach(() => {
    process.env.TARO_ENV = saved.env
    if (saved.url === undefined) delete process.env.TARO_APP_PUBLIC_URL
    else process.env.TARO_APP_PUBLIC_URL = saved.url
  })

  it('links to /v/<serial> on the given site, and keeps the bare serial when no site is known', () => {
    expect(certificateVerifyValue('AB12-CD34-EF56', 'https://tq.example.cn')).toBe('https://tq.example.cn/v/AB12-CD34-EF56')
    expect(certificateVerifyValue('AB12-CD34-EF56', '')).toBe('tq-cert:AB12-CD34-EF56')
  })

  it('takes the site from TARO_APP_PUBLIC_URL (without a trailing slash) on either build', () => {
    process.env.TARO_APP_PUBLIC_URL = 'https://tq.example.cn/ '
    for (const env of ['weapp', 'h5']) {
      process.env.TARO_ENV = env
      expect(publicBaseUrl()).toBe('https://tq.example.cn')
      expect(certificateVerifyValue('AB12-CD34-EF56')).toBe('https://tq.example.cn/v/AB12-CD34-EF56')
    }
  })

  it('falls back to the page’s own site in the browser, and to the bare serial in the mini program', () => {
    delete process.env.TARO_APP_PUBLIC_URL
    process.env.TARO_ENV = 'h5'
    expect(certificateVerifyValue('AB12-CD34-EF56')).toBe(`${window.location.origin}/v/AB12-CD34-EF56`)
    process.env.TARO_ENV = 'weapp'
    expect(publicBaseUrl()).toBe('')
    expect(certificateVerifyValue('AB12-CD34-EF56')).toBe('tq-cert:AB12-CD34-EF56')
  })

  it('reads the serial back out of the link, as WeChat hands it over (encoded) or as typed', () => {
    const link = certificateVerifyValue('AB12-CD34-EF56', 'https://tq.example.cn')
    expect(serialFromLink(link)).toBe('AB12-CD34-EF56')
    expect(serialFromLink(encodeURIComponent(link))).toBe('AB12-CD34-EF56')
    expect(serialFromLink(encodeURIComponent(encodeURIComponent(link)))).toBe('AB12-CD34-EF56')
    expect(serialFromLink('https://tq.example.cn/v/ab12-cd34-ef56?from=camera#top')).toBe('AB12-CD34-EF56')
    expect(serialFromLink('https://tq.example.cn/other')).toBe('')
    expect(serialFromLink('tq-cert:AB12-CD34-EF56')).toBe('')
    expect(serialFromLink('%E0%A4%A')).toBe('')
  })

  it('draws the link into the picture’s QR code', () => {
    process.env.TARO_APP_PUBLIC_URL = 'https://tq.example.cn'
    const squares = (qr?: ReturnType<typeof qrMatrix>) => {
      const { ctx } = recorder()
      const rects: string[] = []
      ctx.fillRect = (x, y, w, h) => void rects.push(`${x},${y},${w},${h}`)
      if (qr) drawCertificate(ctx, cert(1), qr)
      else drawCertificate(ctx, cert(1))
      return rects
    }
    const drawn = squares()
    expect(drawn).toEqual(squares(qrMatrix('https://tq.example.cn/v/AB12-CD34-EF56', 'M')))
    expect(drawn).not.toEqual(squares(qrMatrix('tq-cert:AB12-CD34-EF56', 'M')))
  })
})
