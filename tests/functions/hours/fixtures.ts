import { randomUUID } from 'node:crypto'
import { pendingDeclaration, type DeclarationDoc } from '../../../cloudfunctions/_core/hours/hours.rules'
import { postEntries, type AccountDoc } from '../../../cloudfunctions/_core/ledger'
import { database, transaction } from '../../../cloudfunctions/_core/runtime/db'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { HOUR } from '../../fixtures/activities'
import { TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/**
 * Declarations and the ledger lookups of the hours tests. Their activities and checked-out,
 * pending participations come from tests/fixtures/activities (`ended`, `putAttendance`).
 */

export function putDeclaration(cloud: TestCloud, id: string, openid: string, over: Partial<DeclarationDoc> = {}): DeclarationDoc {
  const doc: DeclarationDoc = {
    ...pendingDeclaration({
      _id: id,
      openid,
      userId: userIdFor(cloud.secrets, openid),
      userName: '测试青年',
      orgId: 'yc-rc-b1',
      title: '社区敬老服务',
      date: '2026-11-20',
      minutes: 180,
      evidenceText: '在敬老院陪老人聊天、打扫卫生。',
      photos: [],
      createdAt: TEST_NOW - 24 * HOUR,
    }),
    ...over,
  }
  cloud.emulator.store.upsert(COLLECTIONS.declarations, { ...doc })
  return doc
}

/** The input of declareHours for dev-youth's branch (上庄村团支部); override what a test is about. */
export function declarationInput(over: Record<string, unknown> = {}) {
  return {
    requestId: randomUUID(),
    orgId: 'yc-rc-b1',
    title: '帮助村里老人收玉米',
    date: '2026-11-20',
    minutes: 240,
    evidenceText: '和村干部一起帮五户老人收玉米。',
    ...over,
  }
}

export const att = (p: { _id: string }) => ({ kind: 'attendance' as const, id: p._id })
export const decl = (d: { _id: string }) => ({ kind: 'declaration' as const, id: d._id })

export function entriesOf(cloud: TestCloud, openid: string) {
  return cloud.docs(COLLECTIONS.ledgerEntries, { openid })
}

export function accountOf(cloud: TestCloud, openid: string) {
  return cloud.emulator.store.get(COLLECTIONS.accounts, userIdFor(cloud.secrets, openid))
}

export function totalsOf(cloud: TestCloud, openid: string) {
  return cloud.emulator.store.get(COLLECTIONS.hourTotals, userIdFor(cloud.secrets, openid))
}

/**
 * What the mall will do: spend 益币 through the same ledger API, answering to the goods' org. The
 * mall does not exist yet, so the tests write its debit here. Refusals (POINTS.INSUFFICIENT) reject.
 */
export function spend(cloud: TestCloud, openid: string, amount: number, key: string, org = { _id: 'yc-rc', path: ['yc'] }): Promise<AccountDoc> {
  return transaction(database(), (tx) =>
    postEntries(
      tx,
      { userId: userIdFor(cloud.secrets, openid), openid },
      [{ _id: `le_db_${key}`, kind: 'debit', amount: -amount, title: '兑换大米', ref: { type: 'order', id: key }, reverses: null, orgId: org._id, underOrgs: [...org.path, org._id] }],
      cloud.clock.now(),
    ),
  )
}
