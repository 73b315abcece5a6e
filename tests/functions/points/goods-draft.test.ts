import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { putGoods } from '../../fixtures/mall'
import { errCode, snapshot, testCloud, type TestCloud } from '../../fixtures/test-cloud'

/** A draft goes on sale first: it cannot be "taken off the shelf" (the donor board counts what was ever on sale). */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
})
afterAll(() => cloud.close())

it('refuses to take a draft off the shelf, leaving it a draft with no trace', async () => {
  putGoods(cloud, 'gd-draft', 5, { status: 'draft' })
  const before = snapshot(cloud, [COLLECTIONS.goods, COLLECTIONS.goodsStock, COLLECTIONS.auditLogs])
  const res = await cloud.as('dev-cadre').points.setGoodsStatus({ goodsId: 'gd-draft', status: 'off_shelf' })
  expect(res).toMatchObject({ ok: false, error: { code: 'GENERIC.BAD_INPUT', message: '这件物资还是草稿，没有上架过，不需要下架。' } })
  expect(errCode(res)).toBe('GENERIC.BAD_INPUT')
  expect(snapshot(cloud, [COLLECTIONS.goods, COLLECTIONS.goodsStock, COLLECTIONS.auditLogs])).toBe(before)
})
