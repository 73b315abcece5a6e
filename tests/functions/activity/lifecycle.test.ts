import { clearLocalOutbox, localOutbox } from '../../../cloudfunctions/_core/platform/notify'
import { activityContract } from '../../../types/contract/activity'
import { actions } from '../../../cloudfunctions/activity/actions'
import { localCaller } from '../../../cloudfunctions/_core/runtime/caller'
import { createHandler } from '../../../cloudfunctions/_core/runtime/serve'
import { realNamed } from '../../fixtures/people'
import { createActivityInput, INPUT_PLACE as PLACE } from '../../fixtures/activities'
import { errCode, ok, snapshot, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/** The activity lifecycle: create → update → publish → cancel, what youth and cadres see of it. */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
  ok(await cloud.as('stranger').user.register(realNamed({ phone: '13600009999', orgId: 'yc-fc-b1', realName: '凤城人' })))
})
afterAll(() => cloud.close())
beforeEach(() => clearLocalOutbox())

const H = 3600_000

async function created(over: Record<string, unknown> = {}, who = 'dev-cadre') {
  return ok(await cloud.as(who).activity.createActivity(createActivityInput(over))).activity
}
async function published(over: Record<string, unknown> = {}, who = 'dev-cadre') {
  const a = await created(over, who)
  return ok(await cloud.as(who).activity.publishActivity({ activityId: a.id })).activity
}

const audits = (action: string) => cloud.docs('audit_logs', { action: `activity.${action}` })
const stored = (id: string) => cloud.emulator.store.get('activities', id) as Record<string, any>

describe('createActivity', () => {
  it('makes a draft with a short id, zero counters and a secret that never leaves the server; one audit entry', async () => {
    const before = audits('createActivity').length
    const res = await cloud.as('dev-cadre').activity.createActivity(createActivityInput())
    const a = ok(res).activity
    expect(a.id).toMatch(/^a[0-9a-z]{11}$/)
    expect(a).toMatchObject({ status: 'draft', signed: 0, waitlisted: 0, orgName: '上庄村团支部', canManage: true, kind: 'volunteer', waitlist: true, distance: null })
    expect(a.place.radius).toBe(300)
    const doc = stored(a.id)
    expect(doc).toMatchObject({ seats: {}, queue: {}, signed: 0, waitlisted: 0, createdBy: 'dev-cadre', createdAt: TEST_NOW, publishedAt: null })
    expect(doc.secret).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(res)).not.toContain(doc.secret)
    expect(audits('createActivity')).toHaveLength(before + 1)
    expect(audits('createActivity').pop()).toMatchObject({ actor: 'dev-cadre', target: { type: 'activity', id: a.id }, orgId: 'yc-rc-b1', at: TEST_NOW })
  })

  it('lets an admin target an org audience inside the activity org’s subtree', async () => {
    const a = await created({ orgId: 'yc', audience: { type: 'org', orgId: 'yc-rc' } }, 'dev-admin')
    expect(a.audience).toEqual({ type: 'org', orgId: 'yc-rc' })
  })

  it('takes the cadre’s own uploaded cover and shows it through a temporary URL on cards and the detail (24)', async () => {
    const cover = cloud.upload('dev-cadre', 'cover-0001')
    const a = await published({ cover })
    expect(a.cover).toBe(cover)
    expect(a.coverUrl).toMatch(/^\/files\/uploads\/u_[A-Za-z0-9_-]{22}\/cover-0001\.jpg\?expires=\d+&sign=/)
    const detail = ok(await cloud.as('dev-youth').activity.getActivity({ activityId: a.id })).activity
    expect(detail.coverUrl).toMatch(/cover-0001\.jpg\?expires=/)
    const card = ok(await cloud.as('dev-youth').activity.listActivities({})).items.find((c) => c.id === a.id)
    expect(card?.coverUrl).toMatch(/cover-0001\.jpg\?expires=/)
    // Removing it leaves no URL.
    const bare = ok(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id, cover: null })).activity
    expect(bare).toMatchObject({ cover: null, coverUrl: null })
  })

  it('refuses a cover that fails the image check (decided at once), leaving no trace', async () => {
    const risky = cloud.upload('dev-cadre', 'risky-cover-01')
    const a = await created()
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-cadre').activity.createActivity(createActivityInput({ cover: risky })))).toBe('GENERIC.CONTENT_RISKY')
    expect(errCode(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id, cover: risky }))).toBe('GENERIC.CONTENT_RISKY')
    expect(snapshot(cloud)).toBe(before)
  })

  it('shows a cover whose check is pending to the organizers only, and to everyone once WeChat pushes pass', async () => {
    // Production's check: a trace id now, the verdict later as a wxa_media_check message.
    let trace = 0
    const platform = { ...cloud.deps().platform }
    platform.contentCheck = { ...platform.contentCheck, image: async () => ({ pending: `trace-${++trace}` }) }
    const prod = createHandler(activityContract, actions, () => ({ ...cloud.deps(), platform }))
    const as = (openid: string, action: string, payload: unknown) => prod.handle({ action, payload }, localCaller(openid))
    const push = (trace_id: string, suggest: string) =>
      prod.handle({ action: 'coverChecked', payload: { ToUserName: 'gh_x', MsgType: 'event', Event: 'wxa_media_check', trace_id, version: 2, result: { suggest, label: '100' } } }, { openid: null, appid: null, source: 'push' })

    const good = ok(await as('dev-cadre', 'createActivity', createActivityInput({ cover: cloud.upload('dev-cadre', 'cover-good-01') }))) as { activity: { id: string; coverCheck: string; coverUrl: string | null } }
    const bad = ok(await as('dev-cadre', 'createActivity', createActivityInput({ cover: cloud.upload('dev-cadre', 'cover-bad-001') }))) as { activity: { id: string } }
    expect(good.activity).toMatchObject({ coverCheck: 'pending', coverUrl: expect.stringMatching(/cover-good-01/) })
    for (const id of [good.activity.id, bad.activity.id]) ok(await cloud.as('dev-cadre').activity.publishActivity({ activityId: id }))
    const seen = async (id: string) => ok(await cloud.as('dev-youth').activity.getActivity({ activityId: id })).activity.coverUrl
    const onCard = async (id: string) => ok(await cloud.as('dev-youth').activity.listActivities({ limit: 50 })).items.find((c) => c.id === id)?.coverUrl
    expect(await seen(good.activity.id)).toBeNull()
    expect(await onCard(good.activity.id)).toBeNull()

    // A user cannot deliver a verdict.
    expect(errCode(await cloud.as('dev-cadre').activity.coverChecked({ trace_id: 'trace-1', result: { suggest: 'pass' } }))).toBe('AUTH.FORBIDDEN')
    expect(ok(await push('trace-1', 'pass'))).toEqual({ applied: true })
    expect(ok(await push('trace-2', 'risky'))).toEqual({ applied: true })
    expect(ok(await push('trace-unknown', 'pass'))).toEqual({ applied: false })
    expect(await seen(good.activity.id)).toMatch(/cover-good-01\.jpg\?expires=/)
    expect(await onCard(good.activity.id)).toMatch(/cover-good-01/)
    expect(await seen(bad.activity.id)).toBeNull()
    expect(ok(await cloud.as('dev-cadre').activity.getActivity({ activityId: bad.activity.id })).activity.coverCheck).toBe('risky')
    // The same verdict pushed again finds nothing waiting and changes nothing.
    expect(ok(await push('trace-2', 'pass'))).toEqual({ applied: false })
    expect(await seen(bad.activity.id)).toBeNull()
  })

  it('refuses a cover that is another user’s upload, never uploaded, or not ours (24), on create and on edit', async () => {
    const a = await created()
    const others = cloud.upload('dev-youth', 'youth-cover-1')
    const neverSent = cloud.upload('dev-cadre', 'cover-0002').replace('cover-0002', 'cover-9999')
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-cadre').activity.createActivity(createActivityInput({ cover: others })))).toBe('FILE.NOT_OWN')
    expect(errCode(await cloud.as('dev-cadre').activity.createActivity(createActivityInput({ cover: neverSent })))).toBe('FILE.NOT_FOUND')
    expect(errCode(await cloud.as('dev-cadre').activity.createActivity(createActivityInput({ cover: 'https://img.example.com/a.jpg' })))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id, cover: others }))).toBe('FILE.NOT_OWN')
    expect(errCode(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id, cover: neverSent }))).toBe('FILE.NOT_FOUND')
    expect(snapshot(cloud)).toBe(before)
  })

  it('makes one draft for one request key, however often and however concurrently it is sent (15, 27)', async () => {
    const payload = createActivityInput({ title: '同一个请求' })
    const before = audits('createActivity').length
    const answers = await Promise.all(Array.from({ length: 50 }, () => cloud.as('dev-cadre').activity.createActivity(payload)))
    const ids = new Set(answers.map((r) => ok(r).activity.id))
    expect(ids.size).toBe(1)
    expect(cloud.docs('activities', { title: '同一个请求' })).toHaveLength(1)
    expect(audits('createActivity')).toHaveLength(before + 1)
    // A later retry (the first reply was lost) is answered with the same draft.
    expect(ok(await cloud.as('dev-cadre').activity.createActivity(payload)).activity.id).toBe([...ids][0])
    // The same key with another payload is refused, leaving no trace.
    const snap = snapshot(cloud)
    const reused = await cloud.as('dev-cadre').activity.createActivity({ ...payload, title: '换了内容' })
    expect(errCode(reused)).toBe('GENERIC.DUPLICATE_REQUEST')
    expect(snapshot(cloud)).toBe(snap)
    // Another cadre's request with the same key is their own.
    const admins = ok(await cloud.as('dev-admin').activity.createActivity({ ...payload, orgId: 'yc' })).activity
    expect(admins.id).not.toBe([...ids][0])
  })

  // docs/bad-inputs.md §6, §10, §11 and the create rules; each leaves no trace.
  it.each<[string, string, Record<string, unknown>, string]>([
    ['a youth creating (10)', 'dev-youth', {}, 'AUTH.FORBIDDEN'],
    ['a representative creating', 'dev-rep', { orgId: 'yuci-jl' }, 'AUTH.FORBIDDEN'],
    ['a cadre on a sibling township (11)', 'dev-cadre', { orgId: 'yc-fc' }, 'AUTH.FORBIDDEN'],
    ['a cadre on the parent county (11)', 'dev-cadre', { orgId: 'yc' }, 'AUTH.FORBIDDEN'],
    ['an admin of another county', 'dev-yuci-admin', {}, 'AUTH.FORBIDDEN'],
    ['a start in the past', 'dev-cadre', { startAt: TEST_NOW - 2 * H, endAt: TEST_NOW + H, signUpStartAt: TEST_NOW - 5 * H, signUpEndAt: TEST_NOW - 3 * H }, 'ACTIVITY.IN_PAST'],
    ['an end before the start (6)', 'dev-cadre', { endAt: TEST_NOW + 47 * H }, 'GENERIC.BAD_INPUT'],
    ['a span over a day', 'dev-cadre', { endAt: TEST_NOW + 73 * H }, 'GENERIC.BAD_INPUT'],
    ['sign-up closing after the start (6)', 'dev-cadre', { signUpEndAt: TEST_NOW + 49 * H }, 'GENERIC.BAD_INPUT'],
    ['a start in 1970 (6)', 'dev-cadre', { startAt: 3600_000 }, 'GENERIC.BAD_INPUT'],
    ['an end in 2100 (6)', 'dev-cadre', { endAt: Date.parse('2100-06-01T00:00:00Z') }, 'GENERIC.BAD_INPUT'],
    ['a client-sent checkInAt (6)', 'dev-cadre', { checkInAt: TEST_NOW }, 'GENERIC.BAD_INPUT'],
    ['a client-sent status', 'dev-cadre', { status: 'published' }, 'GENERIC.BAD_INPUT'],
    ['a client-sent secret', 'dev-cadre', { secret: 'x'.repeat(64) }, 'GENERIC.BAD_INPUT'],
    ['a client-sent signed count', 'dev-cadre', { signed: -5 }, 'GENERIC.BAD_INPUT'],
    ['an operator as the org id', 'dev-cadre', { orgId: { $ne: null } }, 'GENERIC.BAD_INPUT'],
    ['capacity 0', 'dev-cadre', { capacity: 0 }, 'GENERIC.BAD_INPUT'],
    ['capacity 1.5', 'dev-cadre', { capacity: 1.5 }, 'GENERIC.BAD_INPUT'],
    ['latitude 91', 'dev-cadre', { place: { ...PLACE, lat: 91 } }, 'GENERIC.BAD_INPUT'],
    ['a group audience naming no group', 'dev-cadre', { audience: { type: 'group', groupId: 'g1' } }, 'GROUP.NOT_FOUND'],
    ['an audience above the activity org', 'dev-cadre', { audience: { type: 'org', orgId: 'yc-rc' } }, 'AUTH.FORBIDDEN'],
    ['an audience in another township', 'dev-admin', { orgId: 'yc-rc', audience: { type: 'org', orgId: 'yc-fc' } }, 'AUTH.FORBIDDEN'],
    ['risky text in the description', 'dev-cadre', { description: '网络赌博推广' }, 'GENERIC.CONTENT_RISKY'],
    ['risky text in the place name', 'dev-cadre', { place: { ...PLACE, name: '诈骗窝点' } }, 'GENERIC.CONTENT_RISKY'],
  ])('refuses %s', async (_l, who, over, code) => {
    const before = snapshot(cloud)
    const res = await cloud.as(who).activity.createActivity(createActivityInput(over))
    expect(errCode(res)).toBe(code)
    expect(snapshot(cloud)).toBe(before)
  })
})

describe('updateActivity', () => {
  it('edits before the start, replacing the place whole; one audit entry', async () => {
    const a = await published()
    const before = audits('updateActivity').length
    const res = ok(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id, title: '沁河河道清理（二期）', place: { name: '屯城村口', lat: 35.5, lng: 112.42, radius: 100 } }))
    expect(res.activity).toMatchObject({ title: '沁河河道清理（二期）', placeName: '屯城村口', place: { name: '屯城村口', lat: 35.5, lng: 112.42, radius: 100 }, status: 'published' })
    expect(stored(a.id).place).toEqual({ name: '屯城村口', lat: 35.5, lng: 112.42, radius: 100 })
    expect(audits('updateActivity')).toHaveLength(before + 1)
  })

  it('re-checks the merged schedule and refuses a start moved into the past', async () => {
    const a = await created()
    const before = snapshot(cloud)
    // Alone each is a valid field; merged with the stored start it is not.
    expect(errCode(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id, endAt: a.startAt - H }))).toBe('ACTIVITY.BAD_SCHEDULE')
    expect(errCode(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id, signUpEndAt: a.startAt + H }))).toBe('ACTIVITY.BAD_SCHEDULE')
    expect(errCode(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id, startAt: TEST_NOW - 2 * H, endAt: TEST_NOW + H, signUpStartAt: TEST_NOW - 4 * H, signUpEndAt: TEST_NOW - 3 * H }))).toBe('ACTIVITY.IN_PAST')
    expect(errCode(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id, audience: { type: 'group', groupId: 'g1' } }))).toBe('GROUP.NOT_FOUND')
    expect(errCode(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id, title: '赌博之夜' }))).toBe('GENERIC.CONTENT_RISKY')
    expect(errCode(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id, signed: 0 }))).toBe('GENERIC.BAD_INPUT')
    expect(snapshot(cloud)).toBe(before)
  })

  it('refuses edits after the start and once cancelled (NOT_EDITABLE), and out of scope (FORBIDDEN)', async () => {
    const a = await published()
    const b = await published()
    ok(await cloud.as('dev-cadre').activity.cancelActivity({ activityId: b.id, reason: '天气原因' }))
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-youth').activity.updateActivity({ activityId: a.id, title: '改名' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-yuci-admin').activity.updateActivity({ activityId: a.id, title: '改名' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-cadre').activity.updateActivity({ activityId: b.id, title: '改名' }))).toBe('ACTIVITY.NOT_EDITABLE')
    cloud.clock.set(a.startAt)
    try {
      expect(errCode(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id, title: '改名' }))).toBe('ACTIVITY.NOT_EDITABLE')
    } finally {
      cloud.clock.set(TEST_NOW)
    }
    expect(errCode(await cloud.as('dev-cadre').activity.updateActivity({ activityId: 'a00000000000', title: '改名' }))).toBe('ACTIVITY.NOT_FOUND')
    expect(snapshot(cloud)).toBe(before)
  })

  it('keeps capacity at or above the signed count, and a raise lets the waitlist in by ticket, notifying the subscribed', async () => {
    const a = await published({ capacity: 1, orgId: 'yc' }, 'dev-admin')
    ok(await cloud.as('dev-youth').activity.signUp({ activityId: a.id }))
    ok(await cloud.as('dev-cadre').activity.signUp({ activityId: a.id, subscribed: true }))
    ok(await cloud.as('dev-admin').activity.signUp({ activityId: a.id }))
    ok(await cloud.as('stranger').activity.signUp({ activityId: a.id, subscribed: true }))
    expect(stored(a.id)).toMatchObject({ signed: 1, waitlisted: 3 })

    ok(await cloud.as('dev-admin').activity.updateActivity({ activityId: a.id, capacity: 3 }))
    expect(stored(a.id)).toMatchObject({ capacity: 3, signed: 3, waitlisted: 1 })
    const mine = async (who: string) => ok(await cloud.as(who).activity.getActivity({ activityId: a.id })).mine!
    expect(await mine('dev-cadre')).toMatchObject({ status: 'signed', waitlistPosition: null })
    expect(await mine('dev-admin')).toMatchObject({ status: 'signed' })
    expect(await mine('stranger')).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    expect(localOutbox.map((m) => [m.openid, m.template])).toEqual([['dev-cadre', 'waitlist_promoted']])

    const unchanged = snapshot(cloud)
    expect(errCode(await cloud.as('dev-admin').activity.updateActivity({ activityId: a.id, capacity: 2 }))).toBe('ACTIVITY.CAPACITY_BELOW_SIGNED')
    expect(snapshot(cloud)).toBe(unchanged)
  })
})

describe('editing and cancelling once check-in opens', () => {
  it('refuses edits from the moment check-in opens, so a check-in cannot be stretched by a moved schedule', async () => {
    const a = await published()
    const opens = a.checkInOpensAt
    cloud.clock.set(opens - 60_000)
    try {
      ok(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id, title: '开门前还能改' }))
      cloud.clock.set(opens)
      const before = snapshot(cloud)
      expect(errCode(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id, startAt: a.startAt + 24 * H, endAt: a.endAt + 24 * H }))).toBe('ACTIVITY.NOT_EDITABLE')
      expect(errCode(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id, title: '签到开始后改名' }))).toBe('ACTIVITY.NOT_EDITABLE')
      expect(snapshot(cloud)).toBe(before)
    } finally {
      cloud.clock.set(TEST_NOW)
    }
  })

  it('cancels before the start while nobody has checked in; not once someone has, nor after the start', async () => {
    const quiet = await published()
    const busy = await published()
    ok(await cloud.as('dev-youth').activity.signUp({ activityId: busy.id }))
    cloud.clock.set(busy.checkInOpensAt + 60_000)
    try {
      const { code } = ok(await cloud.as('dev-cadre').activity.attendanceBoard({ activityId: busy.id }))
      ok(await cloud.as('dev-youth').activity.checkIn({ activityId: busy.id, code: code!.value }))
      const before = snapshot(cloud)
      expect(errCode(await cloud.as('dev-cadre').activity.cancelActivity({ activityId: busy.id, reason: '临时有事' }))).toBe('ACTIVITY.ATTENDED')
      expect(snapshot(cloud)).toBe(before)
      // Check-in is open for the other one too, but nobody came: it can still be called off.
      ok(await cloud.as('dev-cadre').activity.cancelActivity({ activityId: quiet.id, reason: '天气原因' }))
      cloud.clock.set(busy.startAt)
      const again = snapshot(cloud)
      expect(errCode(await cloud.as('dev-cadre').activity.cancelActivity({ activityId: busy.id, reason: '临时有事' }))).toBe('ACTIVITY.NOT_EDITABLE')
      expect(snapshot(cloud)).toBe(again)
    } finally {
      cloud.clock.set(TEST_NOW)
    }
  })
})

describe('publishActivity', () => {
  it('publishes a draft once; one audit entry', async () => {
    const a = await created()
    const before = audits('publishActivity').length
    const res = ok(await cloud.as('dev-cadre').activity.publishActivity({ activityId: a.id })).activity
    expect(res.status).toBe('published')
    expect(stored(a.id).publishedAt).toBe(TEST_NOW)
    expect(audits('publishActivity')).toHaveLength(before + 1)
    expect(errCode(await cloud.as('dev-cadre').activity.publishActivity({ activityId: a.id }))).toBe('GENERIC.CONFLICT')
    expect(audits('publishActivity')).toHaveLength(before + 1)
  })

  it('refuses a youth, a cadre out of scope (sibling, parent, other county), a start already passed and a cancelled activity', async () => {
    const a = await created()
    const sibling = await created({ orgId: 'yc-fc' }, 'dev-admin')
    const parent = await created({ orgId: 'yc' }, 'dev-admin')
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-youth').activity.publishActivity({ activityId: a.id }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-yuci-admin').activity.publishActivity({ activityId: a.id }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-cadre').activity.publishActivity({ activityId: sibling.id }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-cadre').activity.publishActivity({ activityId: parent.id }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-cadre').activity.cancelActivity({ activityId: sibling.id, reason: '越权取消' }))).toBe('AUTH.FORBIDDEN')
    cloud.clock.set(a.startAt + 1)
    expect(errCode(await cloud.as('dev-cadre').activity.publishActivity({ activityId: a.id }))).toBe('ACTIVITY.IN_PAST')
    cloud.clock.set(TEST_NOW)
    expect(snapshot(cloud)).toBe(before)
    expect(errCode(await cloud.as('dev-cadre').activity.publishActivity({ activityId: a.id }))).toBeUndefined()
    ok(await cloud.as('dev-cadre').activity.cancelActivity({ activityId: a.id, reason: '计划调整' }))
    expect(errCode(await cloud.as('dev-cadre').activity.publishActivity({ activityId: a.id }))).toBe('ACTIVITY.CANCELLED')
  })
})

describe('cancelActivity', () => {
  it('cancels with a reason, tells the subscribed (signed or waitlisted) only; one audit entry', async () => {
    const a = await published({ capacity: 1, orgId: 'yc' }, 'dev-admin')
    ok(await cloud.as('dev-youth').activity.signUp({ activityId: a.id, subscribed: true }))
    ok(await cloud.as('dev-cadre').activity.signUp({ activityId: a.id, subscribed: true }))
    ok(await cloud.as('stranger').activity.signUp({ activityId: a.id }))
    ok(await cloud.as('dev-admin').activity.signUp({ activityId: a.id, subscribed: true }))
    ok(await cloud.as('dev-admin').activity.cancelSignUp({ activityId: a.id }))
    clearLocalOutbox()
    const before = audits('cancelActivity').length

    const res = ok(await cloud.as('dev-admin').activity.cancelActivity({ activityId: a.id, reason: '暴雨预警，活动取消' }))
    expect(res.activity).toMatchObject({ status: 'cancelled', cancelReason: '暴雨预警，活动取消' })
    expect(res.notified).toBe(2)
    expect(localOutbox.map((m) => m.openid).sort()).toEqual(['dev-cadre', 'dev-youth'])
    expect(localOutbox[0]).toMatchObject({ template: 'activity_cancelled', at: TEST_NOW, data: expect.objectContaining({ thing3: '暴雨预警，活动取消' }) })
    expect(audits('cancelActivity')).toHaveLength(before + 1)

    const after = snapshot(cloud)
    expect(errCode(await cloud.as('dev-admin').activity.cancelActivity({ activityId: a.id, reason: '再取消' }))).toBe('ACTIVITY.CANCELLED')
    expect(errCode(await cloud.as('dev-youth').activity.signUp({ activityId: a.id }))).toBe('ACTIVITY.CANCELLED')
    expect(snapshot(cloud)).toBe(after)
  })

  it('refuses a youth, a cadre on the parent org’s activity, risky reasons and an activity that has ended', async () => {
    const a = await published({ orgId: 'yc' }, 'dev-admin')
    const b = await published()
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-youth').activity.cancelActivity({ activityId: b.id, reason: '不想办了' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-cadre').activity.cancelActivity({ activityId: a.id, reason: '不想办了' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-cadre').activity.cancelActivity({ activityId: b.id, reason: '改去赌博' }))).toBe('GENERIC.CONTENT_RISKY')
    expect(errCode(await cloud.as('dev-cadre').activity.cancelActivity({ activityId: b.id, reason: '   ' }))).toBe('GENERIC.BAD_INPUT')
    cloud.clock.set(b.endAt)
    expect(errCode(await cloud.as('dev-cadre').activity.cancelActivity({ activityId: b.id, reason: '补取消' }))).toBe('ACTIVITY.NOT_EDITABLE')
    cloud.clock.set(TEST_NOW)
    expect(snapshot(cloud)).toBe(before)
  })
})

describe('getActivity', () => {
  it('hides drafts from everyone but the organizers, without leaking that they exist', async () => {
    const a = await created()
    expect(errCode(await cloud.as('dev-youth').activity.getActivity({ activityId: a.id }))).toBe('ACTIVITY.NOT_FOUND')
    expect(errCode(await cloud.as('dev-yuci-admin').activity.getActivity({ activityId: a.id }))).toBe('ACTIVITY.NOT_FOUND')
    expect(errCode(await cloud.as('dev-youth').activity.getActivity({ activityId: 'a00000000000' }))).toBe('ACTIVITY.NOT_FOUND')
    expect(ok(await cloud.as('dev-cadre').activity.getActivity({ activityId: a.id })).activity.canManage).toBe(true)
    expect(ok(await cloud.as('dev-admin').activity.getActivity({ activityId: a.id })).activity.canManage).toBe(true)
  })

  it('shows a youth the detail, the distance and their own sign-up, never the secret', async () => {
    const a = await published()
    const res = await cloud.as('dev-youth').activity.getActivity({ activityId: a.id, near: { lat: PLACE.lat + 0.01, lng: PLACE.lng } })
    const { activity, mine } = ok(res)
    expect(activity).toMatchObject({ canManage: false, orgName: '上庄村团支部', checkInOpensAt: a.startAt - 30 * 60_000, checkInClosesAt: a.endAt, checkOutClosesAt: a.endAt + 60 * 60_000 })
    expect(activity.distance).toBeGreaterThan(1100)
    expect(activity.distance).toBeLessThan(1125)
    expect(mine).toBeNull()
    expect(JSON.stringify(res)).not.toContain(stored(a.id).secret)
    ok(await cloud.as('dev-youth').activity.signUp({ activityId: a.id }))
    expect(ok(await cloud.as('dev-youth').activity.getActivity({ activityId: a.id })).mine).toMatchObject({ status: 'signed', activityId: a.id })
  })
})

describe('listActivities and manageActivities', () => {
  let ids: Record<string, string>
  beforeAll(async () => {
    // A fresh county of activities far in the future, so earlier tests' activities sort before them.
    const base = { signUpStartAt: TEST_NOW - H }
    const at = (days: number, over: Record<string, unknown> = {}) => ({ ...base, startAt: TEST_NOW + days * 24 * H, endAt: TEST_NOW + days * 24 * H + 2 * H, signUpEndAt: TEST_NOW + days * 24 * H - H, ...over })
    ids = {
      near: (await published(at(30, { title: '列表·近处', place: { ...PLACE, lat: 35.7 } }), 'dev-admin')).id,
      everyone: (await published(at(31, { orgId: 'yc', title: '列表·全县 (A+B)', place: { ...PLACE, lat: 35.9 } }), 'dev-admin')).id,
      rcOnly: (await published(at(32, { orgId: 'yc', title: '列表·润城', audience: { type: 'org', orgId: 'yc-rc' }, place: { ...PLACE, lat: 35.8 } }), 'dev-admin')).id,
      fcOnly: (await published(at(33, { orgId: 'yc-fc', title: '列表·凤城', audience: { type: 'org', orgId: 'yc-fc' } }), 'dev-admin')).id,
      draft: (await created(at(34, { title: '列表·草稿' }))).id,
      yuci: (await published(at(35, { orgId: 'yuci', title: '列表·榆次' }), 'dev-yuci-admin')).id,
    }
  })
  const listed = async (who: string, payload: Record<string, unknown> = {}) => {
    const out: string[] = []
    let cursor: string | undefined
    do {
      const page = ok(await cloud.as(who).activity.listActivities({ limit: 3, ...payload, ...(cursor ? { cursor } : {}) }))
      expect(page.items.length).toBeLessThanOrEqual(3)
      out.push(...page.items.map((c) => c.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    return out
  }
  const onlyList = (xs: string[]) => xs.filter((x) => Object.values(ids).includes(x))

  it('shows a youth what is published, not ended and open to their org, soonest first, page by page', async () => {
    const all = await listed('dev-youth', { q: '列表' })
    expect(onlyList(all)).toEqual([ids.near, ids.everyone, ids.rcOnly, ids.yuci])
    // A youth of 凤城镇 sees the 凤城 activity but not the 润城 one.
    expect(onlyList(await listed('stranger', { q: '列表' }))).toEqual([ids.near, ids.everyone, ids.fcOnly, ids.yuci])
    // Without a profile: audience "everyone" only.
    expect(onlyList(await listed('nobody', { q: '列表' }))).toEqual([ids.near, ids.everyone, ids.yuci])
  })

  it('drops activities once they end', async () => {
    cloud.clock.set(TEST_NOW + 30 * 24 * H + 2 * H)
    try {
      expect(onlyList(await listed('dev-youth', { q: '列表' }))).toEqual([ids.everyone, ids.rcOnly, ids.yuci])
    } finally {
      cloud.clock.set(TEST_NOW)
    }
  })

  it('filters by an org’s subtree and by a title word (regex characters are literal)', async () => {
    expect(onlyList(await listed('dev-youth', { orgId: 'yc-rc' }))).toEqual([ids.near])
    expect(onlyList(await listed('dev-youth', { orgId: 'yc' }))).toEqual([ids.near, ids.everyone, ids.rcOnly])
    expect(await listed('dev-youth', { q: '(A+B)' })).toEqual([ids.everyone])
    expect(await listed('dev-youth', { q: '.*' })).toEqual([])
    expect(errCode(await cloud.as('dev-youth').activity.listActivities({ q: { $regex: '.*' } }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await cloud.as('dev-youth').activity.listActivities({ orgId: 'nope' }))).toBe('ORG.NOT_FOUND')
  })

  it('sorts by distance when asked, which needs a position', async () => {
    expect(errCode(await cloud.as('dev-youth').activity.listActivities({ sort: 'nearby' }))).toBe('GENERIC.BAD_INPUT')
    const near = { lat: 35.75, lng: PLACE.lng }
    const order = onlyList(await listed('dev-youth', { sort: 'nearby', near, q: '列表' }))
    expect(order).toEqual([ids.near, ids.rcOnly, ids.everyone, ids.yuci])
    const first = ok(await cloud.as('dev-youth').activity.listActivities({ sort: 'nearby', near, q: '列表', limit: 1 }))
    expect(first.items[0].distance).toBeGreaterThan(5000)
    expect(first.nextCursor).toBe('1')
    expect(errCode(await cloud.as('dev-youth').activity.listActivities({ sort: 'nearby', near, cursor: 'abc' }))).toBe('GENERIC.BAD_INPUT')
  })

  it('shows a cadre every activity of their subtree, drafts and cancelled too, latest start first', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = ok(await cloud.as('dev-cadre').activity.manageActivities({ orgId: 'yc-rc', limit: 4, ...(cursor ? { cursor } : {}) }))
      seen.push(...page.items.map((c) => c.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    const inScope = cloud.docs('activities').filter((d) => d.orgId.startsWith('yc-rc'))
    expect(seen.sort()).toEqual(inScope.map((d) => d._id).sort())
    expect(seen).toContain(ids.draft)
    const first = ok(await cloud.as('dev-cadre').activity.manageActivities({ orgId: 'yc-rc', limit: 2 })).items
    expect(first[0].id).toBe(ids.draft)
    expect(first[0].startAt).toBeGreaterThanOrEqual(first[1].startAt)
    expect(errCode(await cloud.as('dev-youth').activity.manageActivities({ orgId: 'yc-rc' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-cadre').activity.manageActivities({ orgId: 'yc' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-cadre').activity.manageActivities({ orgId: 'yc-fc' }))).toBe('AUTH.FORBIDDEN')
  })
})
