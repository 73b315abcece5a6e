import { randomUUID } from 'node:crypto'
import { HOUR, ended, putActivity, putAttendance } from '../../fixtures/activities'
import { TEST_KEY, TEST_NOW, errCode, ok, snapshot, testCloud, type TestCloud } from '../../fixtures/test-cloud'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import { secretsFromKey } from '../../../cloudfunctions/_core/runtime/secrets'
import { declarationInput, putDeclaration } from './fixtures'

/** A well-formed file id in `openid`'s own folder, of a file that was never uploaded. */
const notUploaded = (openid: string, name: string, env = 'local.local-files') => `cloud://${env}/uploads/${userIdFor(secretsFromKey(TEST_KEY), openid)}/${name}.jpg`

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
})
afterAll(() => cloud.close())

describe('reviewQueue', () => {
  beforeAll(() => {
    const a = putActivity(cloud, ended('q-a', { title: '上庄村环境整治', orgId: 'yc-rc-b1' }))
    const b = putActivity(cloud, ended('q-b', { title: '屯城村防汛', orgId: 'yc-rc-b3', startAt: TEST_NOW - 8 * HOUR }))
    const far = putActivity(cloud, ended('q-far', { orgId: 'yc-fc-b1' }))
    putAttendance(cloud, a, 'q-youth-1', { userName: '甲', minutes: 120 }) // out at start + 2 h
    putAttendance(cloud, a, 'q-youth-2', { userName: '乙', minutes: 60, flags: ['outside_fence'] })
    putAttendance(cloud, b, 'q-youth-3', { userName: '丙', minutes: 60 }) // oldest
    putAttendance(cloud, a, 'q-youth-4', { userName: '丁', review: 'approved' })
    putAttendance(cloud, a, 'dev-cadre', { userName: '李建国' }) // the cadre's own: not theirs to decide
    putAttendance(cloud, far, 'q-youth-5', { userName: '戊' })
    putDeclaration(cloud, 'dc-q-1', 'q-youth-6', { userName: '己', orgId: 'yc-rc', createdAt: TEST_NOW - 2 * HOUR, photos: [cloud.upload('q-youth-6', 'evidence-01'), notUploaded('q-youth-6', 'gone-0001')] })
    putDeclaration(cloud, 'dc-q-2', 'q-youth-7', { userName: '庚', orgId: 'yc-fc' })
  })

  it('lists pending attendance and declarations of the subtree: flagged first, then the longest waiting', async () => {
    const page = ok(await cloud.as('dev-cadre').activity.reviewQueue({ orgId: 'yc-rc' }))
    expect(page.items.map((i) => i.userName)).toEqual(['乙', '丙', '甲', '己'])
    expect(page.nextCursor).toBeNull()
    expect(page.items[0]).toMatchObject({
      kind: 'attendance',
      title: '上庄村环境整治',
      orgName: '上庄村团支部',
      minutes: 60,
      flags: ['outside_fence'],
      evidenceText: null,
      photos: [],
      review: 'pending',
      activityId: 'q-a',
    })
    expect(page.items[3]).toMatchObject({ kind: 'declaration', title: '社区敬老服务', orgName: '润城镇团委', minutes: 180, activityId: null, checkInAt: null })
    // Evidence reaches the reviewer as temporary URLs; a file that has gone shows as missing.
    const [kept, gone] = page.items[3].photos
    expect(kept.url).toMatch(/^\/files\/uploads\/u_[A-Za-z0-9_-]{22}\/evidence-01\.jpg\?expires=\d+&sign=[A-Za-z0-9_-]+$/)
    expect(gone).toEqual({ fileId: notUploaded('q-youth-6', 'gone-0001'), url: null })
    expect(JSON.stringify(page)).not.toContain('test-secret-never-leaves')
  })

  it('pages by cursor without repeats, and filters by activity', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = ok(await cloud.as('dev-admin').activity.reviewQueue({ orgId: 'yc', limit: 2, ...(cursor ? { cursor } : {}) }))
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((i) => i.userName))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    const whole = ok(await cloud.as('dev-admin').activity.reviewQueue({ orgId: 'yc' })).items.map((i) => i.userName)
    expect(seen).toEqual(whole)
    expect([...seen].sort()).toEqual(['丙', '乙', '己', '庚', '戊', '李建国', '甲'].sort())
    expect(seen.slice(0, 2)).toEqual(['乙', '庚']) // flagged, then the declaration waiting a day
    const one = ok(await cloud.as('dev-cadre').activity.reviewQueue({ orgId: 'yc-rc', activityId: 'q-b' }))
    expect(one.items.map((i) => i.userName)).toEqual(['丙'])
  })

  it.each([
    ['a youth', 'dev-youth', 'yc-rc-b1'],
    ['a cadre on a sibling township', 'dev-cadre', 'yc-fc'],
    ['a cadre on the parent county', 'dev-cadre', 'yc'],
  ])('refuses %s', async (_l, who, orgId) => {
    expect(errCode(await cloud.as(who).activity.reviewQueue({ orgId }))).toBe('AUTH.FORBIDDEN')
  })
})

describe('declareHours', () => {
  const declaration = declarationInput

  it('records a pending declaration a cadre then sees and approves; it counts toward stars', async () => {
    const fileId = cloud.upload('dev-youth', 'photo-0001')
    expect(fileId).toMatch(/^cloud:\/\/local\.local-files\/uploads\/u_[A-Za-z0-9_-]{22}\/photo-0001\.jpg$/)
    const { declarationId, review } = ok(await cloud.as('dev-youth').activity.declareHours(declaration({ photos: [fileId] })))
    expect(review).toBe('pending')
    expect(cloud.emulator.store.get('declarations', declarationId)).toMatchObject({
      openid: 'dev-youth',
      userName: '王晓青',
      orgId: 'yc-rc-b1',
      review: 'pending',
      minutes: 240,
      photos: [fileId],
      createdAt: cloud.clock.now(),
    })
    const queue = ok(await cloud.as('dev-cadre').activity.reviewQueue({ orgId: 'yc-rc-b1' }))
    expect(queue.items.map((i) => i.id)).toContain(declarationId)
    ok(await cloud.as('dev-cadre').activity.approveHours({ items: [{ kind: 'declaration', id: declarationId }] }))
    expect(ok(await cloud.as('dev-youth').activity.myHours({}))).toMatchObject({ declaredMinutes: 240, attendedMinutes: 0 })
  })

  it('records one declaration for one request key, sent 50 times at once or again later; a reused key is refused (15, 27)', async () => {
    const payload = declaration({ title: '同一次申报' })
    const answers = await Promise.all(Array.from({ length: 50 }, () => cloud.as('dev-youth').activity.declareHours(payload)))
    const ids = new Set(answers.map((r) => ok(r).declarationId))
    expect(ids.size).toBe(1)
    expect(cloud.docs('declarations', { title: '同一次申报' })).toHaveLength(1)
    expect(ok(await cloud.as('dev-youth').activity.declareHours(payload)).declarationId).toBe([...ids][0])
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-youth').activity.declareHours({ ...payload, minutes: 480 }))).toBe('GENERIC.DUPLICATE_REQUEST')
    expect(snapshot(cloud)).toBe(before)
  })

  it('accepts photos alone or text alone as evidence, and today’s or a year-old date', async () => {
    ok(await cloud.as('dev-youth').activity.declareHours(declaration({ evidenceText: undefined, photos: [cloud.upload('dev-youth', 'photo-0002'), cloud.upload('dev-youth', 'photo-0003')] })))
    ok(await cloud.as('dev-youth').activity.declareHours(declaration({ date: '2026-11-28' })))
    ok(await cloud.as('dev-youth').activity.declareHours(declaration({ date: '2025-11-28' })))
  })

  it.each([
    ['an unregistered caller', 'nobody-here', declaration(), 'USER.NOT_REGISTERED'],
    ['no evidence at all', 'dev-youth', declaration({ evidenceText: undefined }), 'HOURS.EVIDENCE_REQUIRED'],
    ['blank evidence and no photos', 'dev-youth', declaration({ evidenceText: '   ', photos: [] }), 'GENERIC.BAD_INPUT'],
    ['a day in the future (Shanghai)', 'dev-youth', declaration({ date: '2026-11-29' }), 'GENERIC.BAD_INPUT'],
    ['a day over a year back', 'dev-youth', declaration({ date: '2025-11-27' }), 'GENERIC.BAD_INPUT'],
    ['an unknown org', 'dev-youth', declaration({ orgId: 'no-such-org' }), 'ORG.NOT_FOUND'],
    ['risky text (errcode 0, suggest risky)', 'dev-youth', declaration({ evidenceText: '参与了网络赌博宣传' }), 'GENERIC.CONTENT_RISKY'],
    ['a risky title', 'dev-youth', declaration({ title: '诈骗防范？其实是诈骗' }), 'GENERIC.CONTENT_RISKY'],
    ['20 minutes', 'dev-youth', declaration({ minutes: 20 }), 'GENERIC.BAD_INPUT'],
    ['1.5 minutes', 'dev-youth', declaration({ minutes: 90.5 }), 'GENERIC.BAD_INPUT'],
    ['25 hours', 'dev-youth', declaration({ minutes: 25 * 60 }), 'GENERIC.BAD_INPUT'],
    ['ten photos', 'dev-youth', declaration({ photos: Array.from({ length: 10 }, (_, i) => notUploaded('dev-youth', `photo-000${i}`)) }), 'GENERIC.BAD_INPUT'],
    ['an image URL that is not ours', 'dev-youth', declaration({ photos: ['https://evil.example/x.png'] }), 'GENERIC.BAD_INPUT'],
    ['a file outside the uploads folder', 'dev-youth', declaration({ photos: ['cloud://tq-test.bucket/private/secret-file.jpg'] }), 'GENERIC.BAD_INPUT'],
    ['another user’s upload', 'dev-youth', () => declaration({ photos: [cloud.upload('dev-cadre', 'cadre-photo')] }), 'FILE.NOT_OWN'],
    ['a file id of its own folder that was never uploaded', 'dev-youth', declaration({ photos: [notUploaded('dev-youth', 'never-sent')] }), 'FILE.NOT_FOUND'],
    ['a file of another env, named for its own folder', 'dev-youth', declaration({ photos: [notUploaded('dev-youth', 'elsewhere', 'other-env.bucket')] }), 'FILE.NOT_FOUND'],
    ['a made-up date', 'dev-youth', declaration({ date: '2026-02-30' }), 'GENERIC.BAD_INPUT'],
    ['a review status in the payload', 'dev-youth', declaration({ review: 'approved' }), 'GENERIC.BAD_INPUT'],
    ['an openid in the payload', 'dev-youth', declaration({ openid: 'dev-cadre' }), 'GENERIC.BAD_INPUT'],
  ])('refuses %s, leaving no trace', async (_l, who, make, code) => {
    // Uploads happen inside the test (the cloud exists only then).
    const payload = typeof make === 'function' ? make() : make
    const before = snapshot(cloud)
    const res = await cloud.raw('activity', { action: 'declareHours', payload }, who)
    expect(errCode(res)).toBe(code)
    expect(res.ok ? '' : res.error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(snapshot(cloud)).toBe(before)
  })
})

it('keeps the cadre’s own declaration out of their own approval', async () => {
  const { declarationId } = ok(await cloud.as('dev-cadre').activity.declareHours({ requestId: randomUUID(), orgId: 'yc-rc', title: '防汛值守', date: '2026-11-27', minutes: 120, evidenceText: '夜间值守' }))
  expect(errCode(await cloud.as('dev-cadre').activity.approveHours({ items: [{ kind: 'declaration', id: declarationId }] }))).toBe('HOURS.OWN_RECORD')
  expect(ok(await cloud.as('dev-cadre').activity.reviewQueue({ orgId: 'yc-rc' })).items.map((i) => i.id)).not.toContain(declarationId)
  expect(ok(await cloud.as('dev-admin').activity.reviewQueue({ orgId: 'yc-rc' })).items.map((i) => i.id)).toContain(declarationId)
})
