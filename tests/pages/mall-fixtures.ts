import type { GoodsCardT, GoodsDetailT } from '../../types/contract/goods'
import type { OrderViewT } from '../../types/contract/orders'

/** Shapes the mall's pages are answered with (types/contract/goods.ts, orders.ts). */

const DAY = 86_400_000

export function card(over: Partial<GoodsCardT> = {}): GoodsCardT {
  return {
    id: 'g-rice',
    name: '五常大米 5kg',
    category: 'grain_oil',
    image: null,
    price: 5,
    left: 20,
    status: 'on_sale',
    donorName: '阳城县润丰粮油有限公司',
    limitTotal: null,
    limitPeriod: null,
    ...over,
  }
}

export function detail(over: Partial<GoodsDetailT> = {}): GoodsDetailT {
  return {
    ...card(),
    images: [],
    description: '爱心企业捐赠的新米',
    donor: { id: 'd-runfeng', name: '阳城县润丰粮油有限公司', logo: null, story: '深夜食堂的米面，都来自润丰粮油。' },
    venues: [{ id: 'v-rc', name: '润城镇青年之家兑换点', address: '阳城县润城镇中心街12号', hours: '周一至周五 9:00-17:00', lat: 35.4864, lng: 112.4066 }],
    availableFrom: null,
    availableUntil: null,
    pickupDays: 7,
    unitValue: 4500,
    mine: null,
    ...over,
  }
}

export function order(over: Partial<OrderViewT> = {}): OrderViewT {
  const createdAt = Date.UTC(2026, 10, 1, 2, 0, 0) // 2026-11-01 10:00 in Shanghai
  return {
    id: 'o-1',
    goodsId: 'g-rice',
    goodsName: '五常大米 5kg',
    image: null,
    quantity: 2,
    price: 5,
    cost: 10,
    status: 'ready',
    pickupCode: '20261107',
    // The end of 2026-11-07 (+08:00), exclusive: the 7th is the last pickup day.
    expiresAt: Date.UTC(2026, 10, 7, 16, 0, 0),
    venues: [{ id: 'v-rc', name: '润城镇青年之家兑换点', address: '阳城县润城镇中心街12号', hours: '周一至周五 9:00-17:00' }],
    createdAt,
    pickedUpAt: null,
    pickedUpVenue: null,
    closedAt: null,
    ...over,
  }
}

export { DAY }
