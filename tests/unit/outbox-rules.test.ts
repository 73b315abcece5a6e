import { cancellationMessage, promotionMessage, reminderMessage, shanghaiTime } from '../../cloudfunctions/_core/activity/activity.notices'
import { outboxId } from '../../cloudfunctions/_core/outbox/outbox.repo'
import { afterFailure, BACKOFF_BASE_MS, backoffMs, MAX_ATTEMPTS, newOutboxDoc, type OutboxMessage } from '../../cloudfunctions/_core/outbox/outbox.rules'
import { NotifyError, sendFailure, wechatNotifier } from '../../cloudfunctions/_core/platform/notify'

const NOW = Date.parse('2026-11-28T10:00:00+08:00')
const MIN = 60_000
const activity = { _id: 'a1', orgId: 'yc', title: '河道清理', startAt: NOW, place: { name: '滨江公园' } }
const youth = (openid: string, subscribed = true) => ({ openid, userName: `青年${openid}`, subscribed, signedAt: NOW - 60 * MIN })

describe('outbox rules', () => {
  it('backs off exponentially, then gives up after MAX_ATTEMPTS with the reason kept', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([1, 2, 4, 8].map((n) => n * BACKOFF_BASE_MS))
    expect(backoffMs(30)).toBe(60 * MIN)
    const busy = { reason: '系统繁忙', permanent: false }
    expect(afterFailure(1, busy, NOW)).toEqual({ status: 'pending', dueAt: NOW + BACKOFF_BASE_MS, lastError: '系统繁忙', updatedAt: NOW })
    expect(afterFailure(MAX_ATTEMPTS - 1, busy, NOW).status).toBe('pending')
    expect(afterFailure(MAX_ATTEMPTS, busy, NOW)).toMatchObject({ status: 'failed', lastError: '系统繁忙' })
    // A refusal no retry can change fails at once.
    expect(afterFailure(1, { reason: '对方未订阅', permanent: true }, NOW)).toMatchObject({ status: 'failed', lastError: '对方未订阅' })
  })

  it('derives one id per kind, subject, occurrence and recipient', () => {
    const m = { template: 'waitlist_promoted', subject: 'a1', occurrence: 1 }
    expect(outboxId(m, 'o1')).toBe(outboxId({ ...m }, 'o1'))
    expect(outboxId(m, 'o1')).toMatch(/^ob_[0-9a-f]{40}$/)
    const others = [outboxId(m, 'o2'), outboxId({ ...m, occurrence: 2 }, 'o1'), outboxId({ ...m, subject: 'a2' }, 'o1'), outboxId({ ...m, template: 'activity_reminder' }, 'o1'), outboxId(m, null)]
    expect(new Set([outboxId(m, 'o1'), ...others]).size).toBe(6)
  })

  it('makes a fan-out document for many recipients and a plain one for one', () => {
    const many = cancellationMessage(activity, '天气原因', [youth('o1'), youth('o2', false), youth('o3')])
    expect(many.to).toEqual([{ openid: 'o1', name: '青年o1' }, { openid: 'o3', name: '青年o3' }])
    const fan = newOutboxDoc('x', many, null, NOW)
    expect(fan).toMatchObject({ to: null, fanoutSize: 2, status: 'pending', attempts: 0, dueAt: NOW })
    const one = newOutboxDoc('y', { ...many, to: { openid: 'o1', name: 'n' } } as OutboxMessage, { openid: 'o1', name: 'n' }, NOW)
    expect(one).toMatchObject({ fanout: null, fanoutSize: 0 })
  })
})

describe('activity messages', () => {
  it('fit WeChat’s limits: thing ≤ 20 characters, time in Shanghai', () => {
    expect(shanghaiTime(NOW)).toBe('2026年11月28日 10:00')
    const m = cancellationMessage({ ...activity, title: '一'.repeat(40) }, '天气原因', [youth('o')])
    expect([...m.data.thing1].length).toBeLessThanOrEqual(20)
    expect(m.page).toContain('a1')
    expect(m).toMatchObject({ template: 'activity_cancelled', subject: 'a1', orgId: 'yc' })
  })

  it('tell a promotion only to the subscribed, one per sign-up it was waiting under', () => {
    expect(promotionMessage(activity, youth('o', false))).toBeNull()
    const m = promotionMessage(activity, youth('o'))!
    expect(m).toMatchObject({ template: 'waitlist_promoted', to: { openid: 'o', name: '青年o' }, occurrence: NOW - 60 * MIN })
    expect(reminderMessage(activity, youth('o'))).toMatchObject({ template: 'activity_reminder', occurrence: NOW, data: { thing3: '滨江公园' } })
  })
})

describe('notifier (transport)', () => {
  const msg = { openid: 'o', template: 'activity_cancelled' as const, page: 'pages/activity/index?id=a1', data: { thing1: '河道清理' } }

  it('refuses to pretend a message went when its template is not configured', async () => {
    const logged: string[] = []
    const log = { info: (e: string) => logged.push(e), error: (e: string) => logged.push(e) }
    await expect(wechatNotifier(log, {}).send(msg)).rejects.toMatchObject({ permanent: true, reason: expect.stringContaining('TQ_TEMPLATE_ACTIVITY_CANCELLED') })
    expect(logged).toContain('notify_skipped')
  })

  it('tells a refusal that a retry cannot change from a passing failure', () => {
    expect(sendFailure({ errCode: 43101, errMsg: 'openapi.subscribeMessage.send:fail user refuse to accept the msg' })).toMatchObject({ permanent: true, reason: '对方未订阅或已拒收此类消息（43101）' })
    expect(sendFailure({ errCode: -1, errMsg: 'system error' })).toMatchObject({ permanent: false, reason: expect.stringContaining('system error') })
    expect(sendFailure(new Error('socket hang up'))).toMatchObject({ permanent: false })
    const own = new NotifyError('x', true)
    expect(sendFailure(own)).toBe(own)
  })
})
