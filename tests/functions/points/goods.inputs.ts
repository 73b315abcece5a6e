import { randomUUID } from 'node:crypto'
import type { InputOf } from '../../../types/contract/common'
import type { GoodsContract } from '../../../types/contract/goods'
import { ok, type TestCloud } from '../../fixtures/test-cloud'

/**
 * Inputs for the goods and donor tests (tests/functions/points/goods*.test.ts, donors*.test.ts),
 * made through the contract as a cadre's phone would send them.
 */

let n = 0
/** A fresh picture uploaded by `openid` (a file name the storage accepts: 8+ letters). */
export const picture = (cloud: TestCloud, openid = 'dev-cadre', name = 'goods-pic') => cloud.upload(openid, `${name}-${String(++n).padStart(4, '0')}`)

export type SaveGoods = InputOf<GoodsContract, 'saveGoods'>
export type SaveDonor = InputOf<GoodsContract, 'saveDonor'>

export function donorInput(over: Partial<SaveDonor> & Record<string, unknown> = {}): SaveDonor {
  return {
    requestId: randomUUID(),
    orgId: 'yc-rc',
    name: '阳城县爱心粮油有限公司',
    story: '深夜食堂的老朋友，捐赠大米和面粉，感谢每一位志愿者。',
    contactName: '张三明',
    contactPhone: '13912345678',
    ...over,
  } as SaveDonor
}

export function goodsInput(cloud: TestCloud, donorId: string, over: Partial<SaveGoods> & Record<string, unknown> = {}, who = 'dev-cadre'): SaveGoods {
  return {
    requestId: randomUUID(),
    orgId: 'yc-rc',
    donorId,
    name: '五常大米 5kg',
    category: 'grain_oil',
    images: [picture(cloud, who)],
    description: '爱心企业捐赠的新米，凭兑换码到兑换点领取。',
    price: 10,
    unitValue: 4500,
    limitTotal: 2,
    limitPeriod: null,
    venueIds: ['v-rc'],
    availableFrom: null,
    availableUntil: null,
    pickupDays: 7,
    initialStock: 100,
    ...over,
  } as SaveGoods
}

/** The editable fields of a goods item as the editor sends them back (no initial stock on an edit). */
export function editOf(g: { id: string; orgId: string; donorId: string; name: string; category: string; images: { fileId: string }[]; description: string; price: number; unitValue: number; limitTotal: number | null; limitPeriod: unknown; venueIds: string[]; availableFrom: number | null; availableUntil: number | null; pickupDays: number }): SaveGoods {
  return {
    goodsId: g.id,
    requestId: randomUUID(),
    orgId: g.orgId,
    donorId: g.donorId,
    name: g.name,
    category: g.category,
    images: g.images.map((i) => i.fileId),
    description: g.description,
    price: g.price,
    unitValue: g.unitValue,
    limitTotal: g.limitTotal,
    limitPeriod: g.limitPeriod,
    venueIds: g.venueIds,
    availableFrom: g.availableFrom,
    availableUntil: g.availableUntil,
    pickupDays: g.pickupDays,
  } as SaveGoods
}

export async function makeDonor(cloud: TestCloud, over: Partial<SaveDonor> & Record<string, unknown> = {}, who = 'dev-cadre') {
  return ok(await cloud.as(who).points.saveDonor(donorInput(over))).donor
}

export async function makeGoods(cloud: TestCloud, donorId: string, over: Partial<SaveGoods> & Record<string, unknown> = {}, who = 'dev-cadre') {
  return ok(await cloud.as(who).points.saveGoods(goodsInput(cloud, donorId, over, who))).goods
}

/** A goods item made and put on sale through the actions. */
export async function onSale(cloud: TestCloud, donorId: string, over: Partial<SaveGoods> & Record<string, unknown> = {}, who = 'dev-cadre') {
  const g = await makeGoods(cloud, donorId, over, who)
  return ok(await cloud.as(who).points.setGoodsStatus({ goodsId: g.id, status: 'on_sale' })).goods
}
