import { randomUUID } from 'node:crypto'
import { localCaller } from '../../../cloudfunctions/_core/runtime/caller'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { createHandler } from '../../../cloudfunctions/_core/runtime/serve'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import type { ContentCheck } from '../../../cloudfunctions/_core/platform'
import { actions } from '../../../cloudfunctions/station/actions'
import { stationContract, type OpinionViewT } from '../../../types/contract/station'
import { ok, type TestCloud } from '../../fixtures/test-cloud'

/**
 * The opinion tests' stage in 榆次: 书香之站 (st-jl, 锦纶街道) with two representatives in office —
 * 赵敏 (dev-rep) and seed-youth-0002 — and 北关之站 (st-bg) with seed-youth-0003. dev-yuci-admin is
 * the handling cadre; bg-cadre manages 北关街道 only, dev-cadre another county. Venues and posts are
 * written as the station function stores them (VenueDoc, PostDoc).
 */
export const ST = { jl: 'st-jl', bg: 'st-bg', closed: 'st-closed' }
export const REP = 'dev-rep'
export const REP2 = 'seed-youth-0002'
export const FAR_REP = 'seed-youth-0003'
export const CADRE = 'dev-yuci-admin'
export const SIBLING_CADRE = 'bg-cadre'

function venue(id: string, name: string, orgId: string, status: 'open' | 'closed' = 'open') {
  return {
    _id: id,
    name,
    address: '榆次区锦纶路1号',
    lat: 37.69,
    lng: 112.73,
    hours: '周一至周五 9:00–17:00',
    kind: 'station',
    orgId,
    underOrgs: ['yuci', orgId],
    status,
    description: '',
    level: 'station',
    theme: '书香之站',
    parentId: null,
    path: [],
    depth: 0,
    createdBy: CADRE,
    createdAt: 0,
    updatedAt: 0,
  }
}

export async function stageOpinions(cloud: TestCloud): Promise<void> {
  const store = cloud.emulator.store
  await store.upsert(COLLECTIONS.venues, venue(ST.jl, '锦纶街道团代表联络站·书香之站', 'yuci-jl'))
  await store.upsert(COLLECTIONS.venues, venue(ST.bg, '北关街道团代表联络站', 'yuci-bg'))
  await store.upsert(COLLECTIONS.venues, venue(ST.closed, '已撤销的联络站', 'yuci-jl', 'closed'))
  const post = async (openid: string, venueId: string, orgId: string) => {
    const userId = userIdFor(cloud.secrets, openid)
    const name = (store.get(COLLECTIONS.profiles, userId) as { realName: string }).realName
    await store.upsert(COLLECTIONS.stationPosts, {
      _id: `${venueId}_${userId}_20260101`,
      userId,
      openid,
      name,
      post: 'representative',
      venueId,
      orgId,
      underOrgs: ['yuci', orgId],
      team: '',
      termStart: '2026-01-01',
      termEnd: '2028-12-31',
      endedAt: null,
      createdBy: CADRE,
      createdAt: 0,
      updatedAt: 0,
    })
  }
  await post(REP, ST.jl, 'yuci-jl')
  await post(REP2, ST.jl, 'yuci-jl')
  await post(FAR_REP, ST.bg, 'yuci-bg')
  await store.upsert(COLLECTIONS.roles, { _id: 'r_bg_cadre', openid: SIBLING_CADRE, userId: null, role: 'cadre', orgId: 'yuci-bg', via: 'grant', grantedBy: null, grantedAt: 0 })
}

export const uid = (cloud: TestCloud, openid: string) => userIdFor(cloud.secrets, openid)

export function submit(cloud: TestCloud, who: string, over: Record<string, unknown> = {}) {
  return cloud.as(who).station.submitOpinion({ requestId: randomUUID(), venueId: ST.jl, category: 'employment', text: '希望站里多办几场招聘会。', ...over })
}

export async function submitted(cloud: TestCloud, who: string, over: Record<string, unknown> = {}): Promise<OpinionViewT> {
  return ok(await submit(cloud, who, over)).opinion
}

/** An opinion brought to `assigned` (to dev-rep) or `replied`. */
export async function opinionAt(cloud: TestCloud, state: 'submitted' | 'assigned' | 'replied' | 'closed', who = 'dev-youth', over: Record<string, unknown> = {}): Promise<OpinionViewT> {
  let o = await submitted(cloud, who, over)
  if (state === 'submitted') return o
  o = ok(await cloud.as(CADRE).station.assignOpinion({ opinionId: o.id, userId: uid(cloud, REP) })).opinion
  if (state === 'assigned') return o
  o = ok(await cloud.as(REP).station.replyOpinion({ opinionId: o.id, text: '下月在站里办一场青年招聘会。' })).opinion
  if (state === 'replied') return o
  return ok(await cloud.as(who).station.rateOpinion({ opinionId: o.id, rating: 5 })).opinion
}

/** The station function with production's content check in place of the local one, for the parts it decides. */
export function withCheck(cloud: TestCloud, check: Partial<ContentCheck>) {
  const platform = { ...cloud.deps().platform, contentCheck: { ...cloud.deps().platform.contentCheck, ...check } }
  const handler = createHandler(stationContract, actions, () => ({ ...cloud.deps(), platform }))
  return {
    as: (openid: string) => (action: string, payload: Record<string, unknown>) => handler.handle({ action, payload }, localCaller(openid)),
    push: (trace_id: string, suggest: string) =>
      handler.handle(
        { action: 'opinionPhotoChecked', payload: { ToUserName: 'gh_x', MsgType: 'event', Event: 'wxa_media_check', trace_id, version: 2, result: { suggest, label: '100' } } },
        { openid: null, appid: null, source: 'push' },
      ),
  }
}
