import Taro from '@tarojs/taro'
import { UPLOAD_PATH } from '../../types/contract/common'
import { ERRORS } from '../../types/errors'
import { uploadPhotos } from '../../src/services/files'

const USER = 'u_Ab3dEf6hIj9lMn2pQr5tUv'
const FILE_ID = (path: string) => `cloud://tq-env.7471-tq-env/${path}`

type Answer = { status: number; body?: unknown } | 'offline'

/** fetch as the browser build meets it: the chosen photo's blob URL, then the gateway's `PUT /files/<cloudPath>`. */
function browser(blobs: Record<string, Blob>, answers: Answer[] = []) {
  const puts: { url: string; init: RequestInit }[] = []
  const fetchMock = jest.fn(async (url: string, init?: RequestInit) => {
    if (!init) {
      const blob = blobs[url]
      if (!blob) throw new TypeError('Failed to fetch')
      return { ok: true, status: 200, blob: async () => blob }
    }
    puts.push({ url, init })
    const answer = answers[puts.length - 1] ?? { status: 200 }
    if (answer === 'offline') throw new TypeError('Failed to fetch')
    const body = answer.body ?? { fileID: FILE_ID(url.replace(/^\/files\//, '')) }
    return {
      ok: answer.status >= 200 && answer.status < 300,
      status: answer.status,
      json: async () => (typeof body === 'string' ? JSON.parse(body) : body),
    }
  })
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  return { fetchMock, puts }
}

const image = (type: string, size = 1024) => new Blob([new Uint8Array(size)], { type })

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    return (e as { code: string }).code
  }
  throw new Error('expected a rejection')
}

afterEach(() => {
  delete (globalThis as { fetch?: unknown }).fetch
})

describe('uploadPhotos in the browser build', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'h5'
  })

  it('PUTs each photo into my own folder under a random name with the extension of its type, in order, with progress', async () => {
    const { puts } = browser({ 'blob:a': image('image/jpeg'), 'blob:b': image('image/png'), 'blob:c': image('image/webp') })
    const progress: [number, number][] = []
    const ids = await uploadPhotos(USER, ['blob:a', 'blob:b', 'blob:c'], (done, total) => progress.push([done, total]))

    expect(puts.map((p) => p.url)).toEqual([
      expect.stringMatching(new RegExp(`^/files/uploads/${USER}/[A-Za-z0-9]{20}\\.jpg$`)),
      expect.stringMatching(new RegExp(`^/files/uploads/${USER}/[A-Za-z0-9]{20}\\.png$`)),
      expect.stringMatching(new RegExp(`^/files/uploads/${USER}/[A-Za-z0-9]{20}\\.webp$`)),
    ])
    expect(new Set(puts.map((p) => p.url)).size).toBe(3)
    for (const p of puts) {
      expect(UPLOAD_PATH.test(p.url.replace(/^\/files\//, ''))).toBe(true)
      expect(p.init.method).toBe('PUT')
    }
    expect(puts[1].init.headers).toEqual({ 'content-type': 'image/png' })
    expect(puts[1].init.body).toBeInstanceOf(Blob)
    expect(ids).toEqual(puts.map((p) => FILE_ID(p.url.replace(/^\/files\//, ''))))
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ])
  })

  it('answers FILE.TOO_LARGE when the gateway refuses the size (413), and stops there', async () => {
    const { puts } = browser({ 'blob:a': image('image/jpeg'), 'blob:b': image('image/jpeg') }, [{ status: 413 }])
    const onProgress = jest.fn()
    const p = uploadPhotos(USER, ['blob:a', 'blob:b'], onProgress)
    await expect(p).rejects.toMatchObject({ name: 'ApiError', code: 'FILE.TOO_LARGE', message: ERRORS['FILE.TOO_LARGE'] })
    expect(puts).toHaveLength(1)
    expect(onProgress).not.toHaveBeenCalled()
  })

  it('refuses a photo over 5MB before sending it', async () => {
    const { puts } = browser({ 'blob:big': image('image/jpeg', 5 * 1024 * 1024 + 1) })
    expect(await codeOf(uploadPhotos(USER, ['blob:big']))).toBe('FILE.TOO_LARGE')
    expect(puts).toHaveLength(0)
  })

  it('answers FILE.BAD_TYPE for a 415 and for a file that is not a picture (never sent)', async () => {
    browser({ 'blob:a': image('image/jpeg') }, [{ status: 415 }])
    expect(await codeOf(uploadPhotos(USER, ['blob:a']))).toBe('FILE.BAD_TYPE')

    const { puts } = browser({ 'blob:doc': new Blob(['%PDF-1.4'], { type: 'application/pdf' }), 'blob:gif': image('image/gif') })
    expect(await codeOf(uploadPhotos(USER, ['blob:doc']))).toBe('FILE.BAD_TYPE')
    expect(await codeOf(uploadPhotos(USER, ['blob:gif']))).toBe('FILE.BAD_TYPE')
    expect(puts).toHaveLength(0)
  })

  it('answers GENERIC.NETWORK when the upload cannot reach the gateway', async () => {
    browser({ 'blob:a': image('image/jpeg') }, ['offline'])
    await expect(uploadPhotos(USER, ['blob:a'])).rejects.toMatchObject({ code: 'GENERIC.NETWORK', message: ERRORS['GENERIC.NETWORK'] })
  })

  it('answers FILE.UPLOAD_FAILED for any other refusal or an answer without a file id', async () => {
    browser({ 'blob:a': image('image/jpeg') }, [{ status: 403, body: { ok: false } }, { status: 200, body: {} }, { status: 200, body: '<html>' }])
    expect(await codeOf(uploadPhotos(USER, ['blob:a']))).toBe('FILE.UPLOAD_FAILED')
    expect(await codeOf(uploadPhotos(USER, ['blob:a']))).toBe('FILE.UPLOAD_FAILED')
    expect(await codeOf(uploadPhotos(USER, ['blob:a']))).toBe('FILE.UPLOAD_FAILED')
  })

  it('answers FILE.UPLOAD_FAILED when the chosen photo can no longer be read', async () => {
    const { puts } = browser({})
    expect(await codeOf(uploadPhotos(USER, ['blob:gone']))).toBe('FILE.UPLOAD_FAILED')
    expect(puts).toHaveLength(0)
  })
})

describe('uploadPhotos in the mini program', () => {
  const cloud = Taro.cloud as unknown as { init: jest.Mock; uploadFile?: jest.Mock }

  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
    cloud.uploadFile = jest.fn(async ({ cloudPath }: { cloudPath: string }) => ({ fileID: FILE_ID(cloudPath), statusCode: 200, errMsg: 'cloud.uploadFile:ok' }))
  })

  afterEach(() => {
    delete cloud.uploadFile
    process.env.TARO_ENV = 'h5'
  })

  it('uploads each temporary file with Taro.cloud.uploadFile into my folder, keeping its extension', async () => {
    const paths = ['wxfile://tmp_8f2a.jpg', 'http://tmp/Photo.PNG', 'wxfile://tmp_c0de.jpeg', 'wxfile://tmp_noext']
    const onProgress = jest.fn()
    const ids = await uploadPhotos(USER, paths, onProgress)

    const calls = cloud.uploadFile!.mock.calls.map(([o]) => o as { cloudPath: string; filePath: string })
    expect(calls.map((c) => c.filePath)).toEqual(paths)
    expect(calls.map((c) => c.cloudPath)).toEqual([
      expect.stringMatching(new RegExp(`^uploads/${USER}/[A-Za-z0-9]{20}\\.jpg$`)),
      expect.stringMatching(new RegExp(`^uploads/${USER}/[A-Za-z0-9]{20}\\.png$`)),
      expect.stringMatching(new RegExp(`^uploads/${USER}/[A-Za-z0-9]{20}\\.jpg$`)),
      expect.stringMatching(new RegExp(`^uploads/${USER}/[A-Za-z0-9]{20}\\.jpg$`)),
    ])
    expect(calls.every((c) => UPLOAD_PATH.test(c.cloudPath))).toBe(true)
    expect(ids).toEqual(calls.map((c) => FILE_ID(c.cloudPath)))
    expect(onProgress.mock.calls).toEqual(ids.map((id, i) => [i + 1, 4, id]))
  })

  it('answers FILE.UPLOAD_FAILED when WeChat’s upload fails or gives no file id', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      cloud.uploadFile!.mockRejectedValueOnce({ errCode: -1, errMsg: 'cloud.uploadFile:fail timeout' })
      await expect(uploadPhotos(USER, ['wxfile://tmp_1.jpg', 'wxfile://tmp_2.jpg'])).rejects.toMatchObject({
        code: 'FILE.UPLOAD_FAILED',
        message: ERRORS['FILE.UPLOAD_FAILED'],
      })
      expect(cloud.uploadFile).toHaveBeenCalledTimes(1)

      cloud.uploadFile!.mockResolvedValueOnce({ fileID: '', statusCode: 200, errMsg: 'cloud.uploadFile:ok' })
      expect(await codeOf(uploadPhotos(USER, ['wxfile://tmp_3.jpg']))).toBe('FILE.UPLOAD_FAILED')
      expect(logged).toHaveBeenCalled()
    } finally {
      logged.mockRestore()
    }
  })
})
