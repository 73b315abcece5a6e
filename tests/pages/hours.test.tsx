import { fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __storage } from './__mocks__/taro'
import HoursPage from '../../src/packages/youth/pages/hours'
import DeclarePage from '../../src/packages/youth/pages/declare'
import MyCodePage from '../../src/packages/youth/pages/my-code'
import CertificatePage from '../../src/packages/youth/pages/certificate'
import { ApiError } from '../../src/services/api'
import { uploadPhotos } from '../../src/services/files'
import { ERRORS } from '../../types/errors'
import { ROUTES } from '../../src/utils/routes'
import { todayInShanghai } from '../../src/utils/time'
import { api, me, orgTreeAnswer, renderWithSession, unregistered } from './fixtures'
import { byId, tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())
jest.mock('../../src/services/files', () => ({ uploadPhotos: jest.fn() }))

jest.mock('../../src/components/qr-code', () => require('./mock-modules').qrCodeModule())

jest.mock('@nutui/nutui-react-taro/dist/es/packages/datepicker', () => require('./mock-modules').datePickerModule())

beforeEach(() => {
  __storage.clear()
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(me())
})

const DAY = 86_400_000

describe('我的时长', () => {
  beforeEach(() => {
    // 1★ at 100 h; 130 h total: 30 of the 200 h to 2★ (15 %).
    api.activity.myHours.mockResolvedValue({
      attendedMinutes: 100 * 60,
      declaredMinutes: 30 * 60,
      totalMinutes: 130 * 60,
      stars: 1,
      next: { stars: 2, minutes: 300 * 60, remainingMinutes: 170 * 60 },
    })
    api.points.balance.mockResolvedValue({ balance: 86, earned: 100, spent: 14 })
    api.activity.myRecords.mockResolvedValue({
      items: [
        { kind: 'attendance', id: 'p1', title: '东街社区环境整治', at: Date.now() - DAY, minutes: 150, source: 'attended', review: 'approved', points: 3 },
        { kind: 'declaration', id: 'd1', title: '防汛值守', at: Date.now() - 2 * DAY, minutes: 240, source: 'declared', review: 'pending', points: 0 },
      ],
      nextCursor: null,
    })
  })

  it('shows total hours, stars with progress to the next star, the split and the 益币 balance', async () => {
    renderWithSession(<HoursPage />)
    await waitFor(() => expect(textOf('hours-total')).toBe('130'))
    expect(byId('hours-stars').getAttribute('data-stars')).toBe('1')
    expect(byId('hours-stars').textContent).toBe('★☆☆☆☆')
    expect(textOf('hours-next-text')).toBe('再服务 170 小时，成为2星志愿者（300小时）')
    expect(textOf('hours-attended')).toBe('100小时')
    expect(textOf('hours-declared')).toBe('30小时')
    expect(textOf('points-balance')).toBe('86')
    expect(textOf('points-earned')).toBe('累计获得 100 · 已用 14')
    expect(await screen.findByText('东街社区环境整治')).toBeTruthy()
    expect(textOf('record-p1')).toContain('2.5小时')
    expect(textOf('record-p1')).toContain('已通过')
    expect(textOf('record-p1')).toContain('+3 益币')
    expect(textOf('record-d1')).toContain('荣誉时长')
    expect(textOf('record-d1')).toContain('待审核')
  })

  it('draws the progress bar at the share of the way to the next star', async () => {
    renderWithSession(<HoursPage />)
    await waitFor(() => expect(textOf('hours-total')).toBe('130'))
    const inner = byId('hours-next').querySelector('.nut-progress-inner') as HTMLElement | null
    expect(inner?.style.width).toBe('15%')
  })

  it('links to the 益币 history and the mall instead of keeping a second ledger', async () => {
    renderWithSession(<HoursPage />)
    await screen.findByText('东街社区环境整治')
    expect(document.getElementById('points-ledger')).toBeNull()
    tap('points-ledger-link')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: ROUTES.mallLedger })
    tap('points-mall-link')
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: ROUTES.points })
    expect(api.points.listLedger).not.toHaveBeenCalled()
  })

  it('celebrates the top star', async () => {
    api.activity.myHours.mockResolvedValue({ attendedMinutes: 90_000, declaredMinutes: 3_000, totalMinutes: 93_000, stars: 5, next: null })
    renderWithSession(<HoursPage />)
    await waitFor(() => expect(textOf('hours-next-text')).toBe('已是最高星级，感谢您的坚持！'))
    expect(byId('hours-stars').textContent).toBe('★★★★★')
  })

  it('opens 申报时长 and 志愿服务证明', async () => {
    renderWithSession(<HoursPage />)
    await screen.findByText('东街社区环境整治')
    tap('hours-declare')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: ROUTES.declare })
    tap('hours-certificate')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: ROUTES.certificate })
  })
})

describe('申报时长', () => {
  beforeEach(() => {
    api.user.getOrgTree.mockImplementation(orgTreeAnswer)
    ;(uploadPhotos as jest.Mock).mockReset()
  })

  it('shows the shared schema’s messages and sends nothing until the form is complete', async () => {
    renderWithSession(<DeclarePage />)
    await waitFor(() => expect(textOf('declare-org-open')).toContain('东街社区团支部'))
    tap('declare-submit')
    await waitFor(() => expect(textOf('field-declare-title-error')).toBe('服务内容至少2个字'))
    expect(textOf('field-declare-date-error')).toBe('请选择日期')
    expect(textOf('field-declare-evidenceText-error')).toMatch(/证明人/)
    expect(api.activity.declareHours).not.toHaveBeenCalled()
  })

  it('refuses a date in the future', async () => {
    renderWithSession(<DeclarePage />)
    await waitFor(() => expect(textOf('declare-org-open')).toContain('东街社区团支部'))
    tap('declare-date-open')
    const [y, m, d] = todayInShanghai().split('-').map(Number)
    const tomorrow = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
    fireEvent.change(await screen.findByLabelText('date-wheels'), { target: { value: tomorrow } })
    tap('declare-submit')
    await waitFor(() => expect(textOf('field-declare-date-error')).toBe('服务日期不能晚于今天'))
  })

  const upload = uploadPhotos as jest.MockedFunction<typeof uploadPhotos>
  const fileId = (name: string) => `cloud://tq-env.7471/uploads/u_Ab3dEf6hIj9lMn2pQr5tUv/${name.padEnd(20, '0')}.jpg`
  const EVIDENCE = '在河堤值守4小时，证明人：村委会张主任 13800001111'

  async function fillForm({ evidence = EVIDENCE }: { evidence?: string } = {}) {
    await waitFor(() => expect(textOf('declare-org-open')).toContain('东街社区团支部'))
    type('declare-title-input', '防汛值守')
    tap('declare-date-open')
    fireEvent.change(await screen.findByLabelText('date-wheels'), { target: { value: todayInShanghai() } })
    if (evidence) type('declare-evidence-input', evidence)
  }

  async function choose(...paths: string[]) {
    ;(Taro.chooseImage as jest.Mock).mockResolvedValueOnce({ tempFilePaths: paths })
    const before = document.querySelectorAll('[id^="declare-photo-"][id$="-remove"]').length
    tap('declare-photos-add')
    await waitFor(() => expect(document.querySelectorAll('[id^="declare-photo-"][id$="-remove"]')).toHaveLength(before + paths.length))
  }

  /** An upload that succeeds for every path, reporting each file as it goes up. */
  const uploadsAll: Parameters<typeof upload.mockImplementation>[0] = async (_userId, paths, onProgress) => {
    const ids = paths.map((p) => fileId(p.slice(-2)))
    ids.forEach((id, i) => onProgress?.(i + 1, paths.length, id))
    return ids
  }

  const shownPhotos = () => Array.from(document.querySelectorAll('.tq-declare__photo-img')).map((img) => img.getAttribute('src'))

  it('uploads the chosen photos, showing the progress, then sends their ids with the hours and the evidence', async () => {
    let release: () => void = () => undefined
    upload.mockImplementation(async (_userId, paths, onProgress) => {
      onProgress?.(1, paths.length, fileId(paths[0].slice(-2)))
      await new Promise<void>((r) => (release = r))
      onProgress?.(2, paths.length, fileId(paths[1].slice(-2)))
      return paths.map((p) => fileId(p.slice(-2)))
    })
    api.activity.declareHours.mockResolvedValue({ declarationId: 'd9', review: 'pending' })
    renderWithSession(<DeclarePage />)
    await fillForm()
    expect(screen.queryByText(/即将开放/)).toBeNull()
    // 1 hour by default, +1 → 2 hours, and the half hour.
    fireEvent.click(byId('declare-hours').querySelector('.nut-inputnumber-plus, .nut-inputnumber-add, [class*="plus"], [class*="add"]')!)
    tap('declare-half-30')
    await waitFor(() => expect(textOf('field-declare-minutes')).toContain('共 2小时30分'))
    await choose('blob:p1', 'blob:p2', 'blob:p3')
    expect(Taro.chooseImage).toHaveBeenLastCalledWith(expect.objectContaining({ count: 9 }))
    tap('declare-photo-1-remove')
    await waitFor(() => expect(shownPhotos()).toEqual(['blob:p1', 'blob:p3']))

    tap('declare-submit')
    await waitFor(() => expect(textOf('declare-submit')).toBe('正在上传照片 2/2'))
    expect(api.activity.declareHours).not.toHaveBeenCalled()
    release()
    await waitFor(() => expect(byId('declare-done').textContent).toContain('2小时30分'))
    expect(upload).toHaveBeenCalledTimes(1)
    expect(upload).toHaveBeenCalledWith('u-li', ['blob:p1', 'blob:p3'], expect.any(Function))
    expect(api.activity.declareHours).toHaveBeenCalledWith({
      requestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      orgId: 'b-dongjie',
      title: '防汛值守',
      date: todayInShanghai(),
      minutes: 150,
      evidenceText: EVIDENCE,
      photos: [fileId('p1'), fileId('p3')],
    })
  })

  it('shows why the photos could not be uploaded, keeps the form and the photos, and declares nothing', async () => {
    upload.mockRejectedValue(new ApiError('FILE.TOO_LARGE'))
    renderWithSession(<DeclarePage />)
    await fillForm()
    await choose('blob:p1', 'blob:p2')
    tap('declare-submit')
    await waitFor(() => expect(textOf('declare-notice')).toBe(ERRORS['FILE.TOO_LARGE']))
    expect(textOf('field-declare-photos-error')).toBe(ERRORS['FILE.TOO_LARGE'])
    expect(api.activity.declareHours).not.toHaveBeenCalled()
    expect(document.getElementById('declare-done')).toBeNull()
    expect(shownPhotos()).toEqual(['blob:p1', 'blob:p2'])
    expect((byId('declare-title-input') as HTMLInputElement).value).toBe('防汛值守')
    expect(textOf('declare-submit')).toBe('提交申报')
  })

  it('does not upload the same photos again when the declaration is retried, only one added since', async () => {
    upload.mockImplementation(uploadsAll)
    api.activity.declareHours.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValue({ declarationId: 'd9', review: 'pending' })
    renderWithSession(<DeclarePage />)
    await fillForm()
    await choose('blob:p1', 'blob:p2')
    tap('declare-submit')
    await waitFor(() => expect(textOf('declare-notice')).toBe(ERRORS['GENERIC.NETWORK']))
    expect(shownPhotos()).toEqual(['blob:p1', 'blob:p2'])

    await choose('blob:p3')
    tap('declare-submit')
    await waitFor(() => expect(document.getElementById('declare-done')).toBeTruthy())
    expect(upload.mock.calls.map(([, paths]) => paths)).toEqual([['blob:p1', 'blob:p2'], ['blob:p3']])
    expect(api.activity.declareHours).toHaveBeenCalledTimes(2)
    // The retry is the same request: the server answers it with the first one's declaration if that landed.
    expect(api.activity.declareHours.mock.calls[1][0].requestId).toBe(api.activity.declareHours.mock.calls[0][0].requestId)
    expect(api.activity.declareHours.mock.calls[0][0].photos).toEqual([fileId('p1'), fileId('p2')])
    expect(api.activity.declareHours.mock.calls[1][0].photos).toEqual([fileId('p1'), fileId('p2'), fileId('p3')])
  })

  it('keeps the photos that went up before an upload failed, and sends only the rest next time', async () => {
    upload
      .mockImplementationOnce(async (_userId, paths, onProgress) => {
        onProgress?.(1, paths.length, fileId('p1'))
        throw new ApiError('FILE.UPLOAD_FAILED')
      })
      .mockImplementation(uploadsAll)
    api.activity.declareHours.mockResolvedValue({ declarationId: 'd9', review: 'pending' })
    renderWithSession(<DeclarePage />)
    await fillForm()
    await choose('blob:p1', 'blob:p2')
    tap('declare-submit')
    await waitFor(() => expect(textOf('declare-notice')).toBe(ERRORS['FILE.UPLOAD_FAILED']))
    tap('declare-submit')
    await waitFor(() => expect(document.getElementById('declare-done')).toBeTruthy())
    expect(upload.mock.calls.map(([, paths]) => paths)).toEqual([['blob:p1', 'blob:p2'], ['blob:p2']])
    expect(api.activity.declareHours.mock.calls[0][0].photos).toEqual([fileId('p1'), fileId('p2')])
  })

  it('uploads again when the server no longer finds the uploaded photos', async () => {
    upload.mockImplementation(uploadsAll)
    api.activity.declareHours.mockRejectedValueOnce(new ApiError('FILE.NOT_FOUND')).mockResolvedValue({ declarationId: 'd9', review: 'pending' })
    renderWithSession(<DeclarePage />)
    await fillForm()
    await choose('blob:p1')
    tap('declare-submit')
    await waitFor(() => expect(textOf('field-declare-photos-error')).toBe(ERRORS['FILE.NOT_FOUND']))
    tap('declare-submit')
    await waitFor(() => expect(document.getElementById('declare-done')).toBeTruthy())
    expect(upload).toHaveBeenCalledTimes(2)
  })

  it('takes photos in place of the written evidence', async () => {
    upload.mockImplementation(uploadsAll)
    api.activity.declareHours.mockResolvedValue({ declarationId: 'd9', review: 'pending' })
    renderWithSession(<DeclarePage />)
    await fillForm({ evidence: '' })
    await choose('blob:p1')
    expect(textOf('field-declare-evidenceText')).toContain('选填')
    tap('declare-submit')
    await waitFor(() => expect(document.getElementById('declare-done')).toBeTruthy())
    expect(api.activity.declareHours).toHaveBeenCalledWith(expect.objectContaining({ evidenceText: undefined, photos: [fileId('p1')] }))
  })

  it('uploads nothing for someone without a profile and says why', async () => {
    api.user.me.mockResolvedValue(unregistered())
    renderWithSession(<DeclarePage />)
    await waitFor(() => expect(api.user.me).toHaveBeenCalled())
    type('declare-title-input', '防汛值守')
    await choose('blob:p1')
    tap('declare-submit')
    await waitFor(() => expect(textOf('field-declare-photos-error')).toBe('登记青年档案后才能上传照片。'))
    expect(upload).not.toHaveBeenCalled()
    expect(api.activity.declareHours).not.toHaveBeenCalled()
  })

  it('shows the server’s refusal under the field it concerns', async () => {
    api.activity.declareHours.mockRejectedValue(new ApiError('HOURS.EVIDENCE_REQUIRED'))
    renderWithSession(<DeclarePage />)
    await waitFor(() => expect(textOf('declare-org-open')).toContain('东街社区团支部'))
    type('declare-title-input', '防汛值守')
    tap('declare-date-open')
    fireEvent.change(await screen.findByLabelText('date-wheels'), { target: { value: todayInShanghai() } })
    type('declare-evidence-input', '值守')
    tap('declare-submit')
    await waitFor(() => expect(textOf('field-declare-evidenceText-error')).toBe('申报时长需要填写说明或上传照片作为证明。'))
  })
})

describe('我的签到码', () => {
  it('shows my personal code as a large QR and keeps the screen on', async () => {
    api.activity.myCode.mockResolvedValue({ personCode: 'pc-7Hq2kLm9', userName: '李青' })
    const { unmount } = renderWithSession(<MyCodePage />)
    await waitFor(() => expect(byId('my-code-qr').getAttribute('data-value')).toBe('pc-7Hq2kLm9'))
    expect(textOf('my-code-name')).toBe('李青')
    expect(textOf('my-code-text')).toBe('pc-7Hq2kLm9')
    expect(Taro.setKeepScreenOn).toHaveBeenCalledWith({ keepScreenOn: true })
    unmount()
    expect(Taro.setKeepScreenOn).toHaveBeenLastCalledWith({ keepScreenOn: false })
  })
})

describe('志愿服务证明', () => {
  const cert = {
    serial: 'AB12-CD34-EF56',
    holderName: '李青',
    records: [
      { title: '东街社区环境整治', at: Date.now() - DAY, minutes: 150, source: 'attended' as const },
      { title: '防汛值守', at: Date.now() - 2 * DAY, minutes: 240, source: 'declared' as const },
    ],
    totalMinutes: 390,
    stars: 0,
    issuedAt: Date.now(),
  }

  it('shows the certificate with its serial, records and a verification QR; no save button in the browser', async () => {
    api.activity.certificate.mockResolvedValue(cert)
    renderWithSession(<CertificatePage />)
    await waitFor(() => expect(textOf('certificate-serial')).toBe('编号 AB12-CD34-EF56'))
    expect(textOf('certificate-holder')).toBe('李青')
    expect(textOf('certificate-total')).toBe('累计 6.5 小时')
    expect(textOf('certificate-records')).toContain('东街社区环境整治')
    expect(textOf('certificate-records')).toContain('荣誉')
    expect(byId('certificate-qr').getAttribute('data-value')).toBe(`${window.location.origin}/v/AB12-CD34-EF56`)
    expect(document.getElementById('certificate-save')).toBeNull()
  })

  /** A 2D context that draws nothing but records the text (any other call is a no-op). */
  function fakeContext(texts: string[]) {
    return new Proxy({} as Record<string, unknown>, {
      get: (target, key: string) =>
        key in target ? target[key] : key === 'fillText' ? (t: string) => void texts.push(t) : key === 'measureText' ? (t: string) => ({ width: t.length * 20 }) : () => undefined,
      set: (target, key: string, value) => ((target[key] = value), true),
    })
  }

  /** The mini program's canvas node, found by the page's selector query. */
  function weappCanvas(texts: string[]) {
    const node = { width: 0, height: 0, getContext: () => fakeContext(texts) }
    const q = { select: () => q, fields: () => q, exec: (cb: (r: unknown[]) => void) => cb([{ node }]) }
    jest.spyOn(Taro, 'createSelectorQuery').mockReturnValue(q as unknown as ReturnType<typeof Taro.createSelectorQuery>)
    return node
  }

  it('draws the picture at twice the size and saves it to the album in the mini program', async () => {
    process.env.TARO_ENV = 'weapp'
    const texts: string[] = []
    const node = weappCanvas(texts)
    api.activity.certificate.mockResolvedValue(cert)
    renderWithSession(<CertificatePage />)
    await waitFor(() => expect(document.getElementById('certificate-save')).toBeTruthy())
    expect(document.getElementById('certificate-canvas')).toBeTruthy()
    tap('certificate-save')
    await waitFor(() => expect(textOf('certificate-save-note')).toBe('已保存到手机相册。'))
    expect(node.width).toBe(1500)
    expect(texts).toContain('志愿服务证明')
    expect(texts).toContain('编号 AB12-CD34-EF56')
    expect(Taro.saveImageToPhotosAlbum).toHaveBeenCalledWith({ filePath: 'tmp://certificate.png' })
  })

  it('opens WeChat’s share sheet for the picture, and explains a refused album permission', async () => {
    process.env.TARO_ENV = 'weapp'
    weappCanvas([])
    api.activity.certificate.mockResolvedValue(cert)
    renderWithSession(<CertificatePage />)
    await waitFor(() => expect(document.getElementById('certificate-share')).toBeTruthy())
    tap('certificate-share')
    await waitFor(() => expect(Taro.showShareImageMenu).toHaveBeenCalledWith({ path: 'tmp://certificate.png' }))
    ;(Taro.saveImageToPhotosAlbum as jest.Mock).mockRejectedValueOnce({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' })
    tap('certificate-save')
    await waitFor(() => expect(textOf('certificate-save-note')).toContain('没有获得保存到相册的权限'))
  })

  it('makes the picture in the browser as an image to keep, and offers it as a download', async () => {
    const texts: string[] = []
    const getContext = jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => fakeContext(texts) as unknown as CanvasRenderingContext2D)
    const toDataURL = jest.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,iVBORw0KGgo=')
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    try {
      api.activity.certificate.mockResolvedValue(cert)
      renderWithSession(<CertificatePage />)
      await waitFor(() => expect(document.getElementById('certificate-picture')).toBeTruthy())
      tap('certificate-picture')
      await waitFor(() => expect(document.getElementById('certificate-image')).toBeTruthy())
      expect(byId('certificate-image').getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=')
      expect(texts).toContain('志愿服务证明')
      tap('certificate-download')
      const anchor = click.mock.contexts[0] as HTMLAnchorElement
      expect(anchor.download).toBe('志愿服务证明-AB12-CD34-EF56.png')
      expect(anchor.href).toBe('data:image/png;base64,iVBORw0KGgo=')
    } finally {
      getContext.mockRestore()
      toDataURL.mockRestore()
      click.mockRestore()
    }
  })

  it('says so when the browser cannot draw the picture', async () => {
    const getContext = jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
    try {
      api.activity.certificate.mockResolvedValue(cert)
      renderWithSession(<CertificatePage />)
      await waitFor(() => expect(document.getElementById('certificate-picture')).toBeTruthy())
      tap('certificate-picture')
      await waitFor(() => expect(textOf('certificate-picture-note')).toContain('请直接截屏保存'))
      expect(document.getElementById('certificate-image')).toBeNull()
    } finally {
      getContext.mockRestore()
    }
  })
})
