import { localContentCheck, mediaVerdict, verdictFromMsgSecCheck, assertPublishable } from '../../cloudfunctions/_core/platform/content-check'
import { secretsFromKey } from '../../cloudfunctions/_core/runtime/secrets'

describe('content check', () => {
  it('reads result.suggest, not just errcode (errcode 0 with suggest risky is risky)', () => {
    expect(verdictFromMsgSecCheck({ errcode: 0, result: { suggest: 'risky' } })).toBe('risky')
    expect(verdictFromMsgSecCheck({ errcode: 0, result: { suggest: 'review' } })).toBe('review')
    expect(verdictFromMsgSecCheck({ errcode: 0, result: { suggest: 'pass' } })).toBe('pass')
    expect(verdictFromMsgSecCheck({ errcode: 0 })).toBe('risky')
    expect(verdictFromMsgSecCheck({ errcode: 87014 })).toBe('risky')
  })

  it('publishes only what passes', async () => {
    await expect(assertPublishable(localContentCheck, 'o', ['读书', '登山'])).resolves.toBeUndefined()
    await expect(assertPublishable(localContentCheck, 'o', ['读书', '网络赌博'])).rejects.toMatchObject({ code: 'GENERIC.CONTENT_RISKY' })
    const review = { ...localContentCheck, text: async () => 'review' as const }
    await expect(assertPublishable(review, 'o', ['x'])).rejects.toMatchObject({ code: 'GENERIC.CONTENT_RISKY' })
  })
})

describe('image check', () => {
  it('shows a picture only when the pushed verdict is pass (review and anything unknown are not shown)', () => {
    expect(mediaVerdict('pass')).toBe('pass')
    expect(mediaVerdict('review')).toBe('review')
    expect(mediaVerdict('risky')).toBe('risky')
    expect(mediaVerdict(undefined)).toBe('risky')
  })

  it('decides locally at once, flagging a file whose name says risky', async () => {
    const f = (name: string) => `cloud://local.local-files/uploads/u_AAAAAAAAAAAAAAAAAAAAAA/${name}`
    await expect(localContentCheck.image({ openid: 'o', url: '/x', fileId: f('cover-0001.jpg') })).resolves.toEqual({ verdict: 'pass' })
    await expect(localContentCheck.image({ openid: 'o', url: '/x', fileId: f('risky-0001.jpg') })).resolves.toEqual({ verdict: 'risky' })
  })
})

describe('secrets', () => {
  const s = secretsFromKey('c'.repeat(64))

  it('encrypts so that the ciphertext reveals nothing and decrypts back', () => {
    const blob = s.encrypt('13812345678')
    expect(blob).not.toContain('13812345678')
    expect(s.encrypt('13812345678')).not.toBe(blob)
    expect(s.decrypt(blob)).toBe('13812345678')
  })

  it('detects tampering', () => {
    const [v, iv, tag, body] = s.encrypt('13812345678').split('.')
    const c = body[0]
    const flipped = (c === 'A' ? 'B' : 'A') + body.slice(1)
    expect(() => s.decrypt([v, iv, tag, flipped].join('.'))).toThrow()
  })

  it('hashes deterministically with the key', () => {
    expect(s.hash('x')).toBe(s.hash('x'))
    expect(secretsFromKey('d'.repeat(64)).hash('x')).not.toBe(s.hash('x'))
  })

  it('refuses a missing or short key', () => {
    expect(() => secretsFromKey('')).toThrow()
    expect(() => secretsFromKey('abc')).toThrow()
  })
})
