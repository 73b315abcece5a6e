import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { CADRE, REP, ST, opinionAt, stageOpinions, uid } from './opinion-fixture'
import { errCode, ok, testCloud, type TestCloud } from '../../fixtures/test-cloud'

/**
 * Nobody out of scope replies (docs/domain.md, Opinions): the assignee must still be in office at the
 * opinion's station when replying, not only when the cadre assigned it.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 10 })
  await stageOpinions(cloud)
})
afterAll(() => cloud.close())

const postOf = (openid: string) => `${ST.jl}_${uid(cloud, openid)}_20260101`

it('refuses the reply of a representative whose post ended after the opinion was assigned, and leaves it assigned', async () => {
  const o = await opinionAt(cloud, 'assigned')
  const post = cloud.emulator.store.get(COLLECTIONS.stationPosts, postOf(REP)) as Record<string, unknown>
  cloud.emulator.store.upsert(COLLECTIONS.stationPosts, { ...post, endedAt: cloud.clock.now() - 1000 })
  try {
    expect(errCode(await cloud.as(REP).station.replyOpinion({ opinionId: o.id, text: '下月在站里办一场青年招聘会。' }))).toBe('OPINION.POST_ENDED')
    expect(cloud.emulator.store.get(COLLECTIONS.opinions, o.id)).toMatchObject({ state: 'assigned', reply: null })
  } finally {
    cloud.emulator.store.upsert(COLLECTIONS.stationPosts, post)
  }
  // Back in office, the same reply lands.
  expect(ok(await cloud.as(REP).station.replyOpinion({ opinionId: o.id, text: '下月在站里办一场青年招聘会。' })).opinion.state).toBe('replied')
  expect(ok(await cloud.as(CADRE).station.getOpinion({ opinionId: o.id })).opinion.reply).toBe('下月在站里办一场青年招聘会。')
})
