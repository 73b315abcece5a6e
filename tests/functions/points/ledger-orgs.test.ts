import { netUnderOrg } from '../../../cloudfunctions/_core/ledger'
import { database } from '../../../cloudfunctions/_core/runtime/db'
import { ended, putActivity, putAttendance } from '../../fixtures/activities'
import { ok, testCloud, type TestCloud } from '../../fixtures/test-cloud'
import { att, entriesOf, spend } from '../hours/fixtures'

/**
 * Each ledger entry names the org it answers to and every org above it (docs/domain.md, "Reversing
 * an approval whose 益币 were spent"), so an org subtree's figures are one match, without joins.
 */

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
})
afterAll(() => cloud.close())

describe('entries by org', () => {
  it('credits answer to the activity’s org, a reversal to its credit’s, a debit to the goods’ org; sums follow the subtree', async () => {
    const branch = putActivity(cloud, ended('lo-branch', { orgId: 'yc-rc-b1', pointsPerHour: 2 }))
    const township = putActivity(cloud, ended('lo-town', { orgId: 'yc-rc', pointsPerHour: 1 }))
    const other = putActivity(cloud, ended('lo-yuci', { orgId: 'yuci', pointsPerHour: 3 }))
    const pb = putAttendance(cloud, branch, 'y-lo', { minutes: 120 })
    ok(await cloud.as('dev-cadre').activity.approveHours({ items: [att(pb), att(putAttendance(cloud, township, 'y-lo', { minutes: 180 }))] }))
    ok(await cloud.as('dev-yuci-admin').activity.approveHours({ items: [att(putAttendance(cloud, other, 'y-lo', { minutes: 60 }))] }))
    ok(await cloud.as('dev-cadre').activity.reverseApproval({ item: att(pb), reason: '签到有误' }))
    await spend(cloud, 'y-lo', 2, 'lo-order', { _id: 'yuci-jl', path: ['yuci'] })

    const byKind = (kind: string) => entriesOf(cloud, 'y-lo').filter((e) => e.kind === kind)
    expect(byKind('credit').map((e) => [e.amount, e.orgId, e.underOrgs]).sort()).toEqual(
      [
        [3, 'yc-rc', ['yc', 'yc-rc']],
        [3, 'yuci', ['yuci']],
        [4, 'yc-rc-b1', ['yc', 'yc-rc', 'yc-rc-b1']],
      ].sort(),
    )
    expect(byKind('reversal')).toEqual([expect.objectContaining({ amount: -4, orgId: 'yc-rc-b1', underOrgs: ['yc', 'yc-rc', 'yc-rc-b1'] })])
    expect(byKind('debit')).toEqual([expect.objectContaining({ amount: -2, orgId: 'yuci-jl', underOrgs: ['yuci', 'yuci-jl'] })])

    const db = database()
    expect(await netUnderOrg(db, 'yc')).toEqual({ credit: 7, reversal: -4, debit: 0, refund: 0, adjust: 0, expiry: 0 })
    expect(await netUnderOrg(db, 'yc-rc-b1')).toEqual({ credit: 4, reversal: -4, debit: 0, refund: 0, adjust: 0, expiry: 0 })
    expect(await netUnderOrg(db, 'yuci')).toEqual({ credit: 3, reversal: 0, debit: -2, refund: 0, adjust: 0, expiry: 0 })
    expect(await netUnderOrg(db, 'yc-fc')).toEqual({ credit: 0, reversal: 0, debit: 0, refund: 0, adjust: 0, expiry: 0 })
  })
})
