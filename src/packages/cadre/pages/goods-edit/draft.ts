import type { InputOf } from '../../../../../types/contract/common'
import type { GoodsAdminViewT, GoodsContract } from '../../../../../types/contract/goods'
import type { GoodsCategory, LimitPeriod } from '../../../../../types/enums'
import { numberOrUndefined } from '../../../../utils/form'
import type { OrgRef } from '../../../../utils/roles'
import { uuidV4 } from '../../../../utils/uuid'
import { fenFrom, yuanText } from '../goods/format'
import type { Picture } from './pictures-field'

export type SaveGoodsPayload = InputOf<GoodsContract, 'saveGoods'>

/** What the goods form holds: numbers as typed, money in yuan, until they are sent. */
export interface GoodsDraft {
  /** null: a new goods item. */
  goodsId: string | null
  /**
   * Made when the form opens and sent with every attempt: a save whose reply was lost, sent again,
   * answers what the first one made instead of making a second item (or applying an edit twice).
   */
  requestId: string
  org: OrgRef | null
  donorId: string
  name: string
  category: GoodsCategory | ''
  pictures: Picture[]
  description: string
  price: string
  /** Yuan, as typed (`45.5`). */
  unitValue: string
  limitTotal: string
  limitPeriod: LimitPeriod | 'none'
  limitPeriodCount: string
  venueIds: string[]
  availableFrom: number | null
  availableUntil: number | null
  pickupDays: string
  initialStock: string
}

export function newGoodsDraft(org: OrgRef | null): GoodsDraft {
  return {
    goodsId: null,
    requestId: uuidV4(),
    org,
    donorId: '',
    name: '',
    category: '',
    pictures: [],
    description: '',
    price: '',
    unitValue: '',
    limitTotal: '',
    limitPeriod: 'none',
    limitPeriodCount: '',
    venueIds: [],
    availableFrom: null,
    availableUntil: null,
    pickupDays: '7',
    initialStock: '',
  }
}

export function draftFromGoods(g: GoodsAdminViewT, orgName: string): GoodsDraft {
  return {
    goodsId: g.id,
    requestId: uuidV4(),
    org: { id: g.orgId, name: orgName },
    donorId: g.donorId,
    name: g.name,
    category: g.category,
    pictures: g.images.map((i) => ({ fileId: i.fileId, preview: i.url, check: i.check })),
    description: g.description,
    price: String(g.price),
    unitValue: yuanText(g.unitValue),
    limitTotal: g.limitTotal === null ? '' : String(g.limitTotal),
    limitPeriod: g.limitPeriod?.period ?? 'none',
    limitPeriodCount: g.limitPeriod ? String(g.limitPeriod.count) : '',
    venueIds: g.venueIds,
    availableFrom: g.availableFrom,
    availableUntil: g.availableUntil,
    pickupDays: String(g.pickupDays),
    initialStock: '',
  }
}

/**
 * The payload for saveGoods; the shared schema then says what is missing or wrong. A yuan amount
 * that is not one (`abc`, three decimals) becomes NaN, which the schema refuses (FIELD_MESSAGES says why).
 */
export function goodsPayload(d: GoodsDraft): SaveGoodsPayload {
  const fen = fenFrom(d.unitValue)
  const limit = numberOrUndefined(d.limitTotal)
  return {
    ...(d.goodsId ? { goodsId: d.goodsId } : { initialStock: numberOrUndefined(d.initialStock) as number }),
    requestId: d.requestId,
    orgId: d.org?.id ?? '',
    donorId: d.donorId,
    name: d.name,
    category: d.category as GoodsCategory,
    images: d.pictures.map((p) => p.fileId),
    description: d.description,
    price: numberOrUndefined(d.price) as number,
    unitValue: fen ?? NaN,
    limitTotal: limit === undefined ? null : limit,
    limitPeriod: d.limitPeriod === 'none' ? null : { period: d.limitPeriod, count: numberOrUndefined(d.limitPeriodCount) as number },
    venueIds: d.venueIds,
    availableFrom: d.availableFrom,
    availableUntil: d.availableUntil,
    pickupDays: numberOrUndefined(d.pickupDays) as number,
  }
}

/** Messages for fields whose schema message would not read right on this form. */
export const FIELD_MESSAGES: Record<string, string> = {
  unitValue: '请填写每件的价值（元），最多两位小数',
  donorId: '请选择捐赠的爱心企业',
  orgId: '请选择物资所属的团组织',
  category: '请选择物资类别',
}

/** Which field a refusal from the server belongs under. */
export const FIELD_OF_CODE: Record<string, string> = {
  'GOODS.ORG_FIXED': 'orgId',
  'ORG.NOT_FOUND': 'orgId',
  'DONOR.NOT_FOUND': 'donorId',
  'DONOR.OTHER_COUNTY': 'donorId',
  'VENUE.NOT_FOUND': 'venueIds',
  'VENUE.CLOSED': 'venueIds',
  'GOODS.VENUE_NOT_PICKUP': 'venueIds',
  'GOODS.VENUE_OTHER_COUNTY': 'venueIds',
  'FILE.NOT_OWN': 'images',
  'FILE.NOT_FOUND': 'images',
}
