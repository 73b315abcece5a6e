import type { DonorAdminViewT, GoodsAdminCardT, GoodsAdminViewT } from '../../types/contract/goods'
import type { VenueViewT } from '../../types/contract/venues'

/** Answers of the goods and donor actions for the cadre pages' tests (tests/pages/goods*.test.tsx). */

export const T0 = Date.UTC(2026, 10, 1, 2) // 2026-11-01 10:00 in Shanghai
export const fileId = (name: string) => `cloud://env-1.tcb/uploads/u_${'A'.repeat(22)}/${name}.jpg`

export function adminCard(over: Partial<GoodsAdminCardT> = {}): GoodsAdminCardT {
  return {
    id: 'g1',
    name: '五常大米 5kg',
    category: 'grain_oil',
    image: 'https://tmp.example/rice.jpg',
    price: 10,
    left: 80,
    status: 'on_sale',
    donorName: '阳城县爱心粮油有限公司',
    limitTotal: 2,
    limitPeriod: null,
    orgId: 't-chengguan',
    donorId: 'd1',
    goodsStatus: 'on_sale',
    supplied: 100,
    taken: 20,
    liveOrders: 3,
    imageChecks: ['pass'],
    venueCount: 1,
    updatedAt: T0,
    ...over,
  }
}

export function adminView(over: Partial<GoodsAdminViewT> = {}): GoodsAdminViewT {
  return {
    ...adminCard(),
    images: [{ fileId: fileId('rice-0001'), url: 'https://tmp.example/rice.jpg', check: 'pass' }],
    description: '爱心企业捐赠的新米',
    unitValue: 4550,
    venueIds: ['v1'],
    availableFrom: null,
    availableUntil: null,
    pickupDays: 7,
    createdAt: T0,
    ...over,
  }
}

export function donor(over: Partial<DonorAdminViewT> = {}): DonorAdminViewT {
  return {
    id: 'd1',
    name: '阳城县爱心粮油有限公司',
    logo: null,
    story: '深夜食堂的老朋友',
    orgId: 't-chengguan',
    orgName: '城关镇团委',
    logoFileId: null,
    logoCheck: null,
    contactName: '张*明',
    contactPhoneMasked: '139****5678',
    goodsCount: 2,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  }
}

export function pickupVenue(over: Partial<VenueViewT> = {}): VenueViewT {
  return {
    id: 'v1',
    name: '城关镇便民服务中心',
    address: '城关镇东街 8 号',
    lat: 35.486,
    lng: 112.415,
    hours: '周一至周五 9:00–17:00',
    kind: 'pickup',
    orgId: 't-chengguan',
    orgName: '城关镇团委',
    status: 'open',
    createdAt: T0,
    updatedAt: T0,
    ...over,
  }
}
