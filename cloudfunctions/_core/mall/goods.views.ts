import { getOrgs } from '../org/org.repo'
import { GONE_ORG } from '../org/org.rules'
import { urlsFor, type Storage } from '../platform/storage'
import type { Db } from '../runtime/db'
import { getVenues } from '../venue/venue.repo'
import { getDonors, goodsCountsByDonor } from './donor.repo'
import { toDonorAdminView, toDonorView } from './donor.rules'
import { liveOrderCounts } from './goods.repo'
import { NO_STOCK, cardStatus, imageChecksOf, openVenuesOf, shownImages, shownLogo, type StockNow } from './goods.rules'
import type { DonorDoc, GoodsDoc } from './mall.rules'
import { readStocks } from './stock'

/** What building views needs: the database and storage (for temporary picture URLs). */
export interface ViewDeps {
  db: Db
  platform: { storage: Storage }
}

/** A donor gone from the records (never deleted today, but a view must not fail on one). */
const GONE_DONOR = '（爱心企业）'

function card(g: GoodsDoc, stock: StockNow, donorName: string, image: string | null) {
  return {
    id: g._id,
    name: g.name,
    category: g.category,
    image,
    price: g.price,
    left: stock.left,
    status: cardStatus(g.status, stock.left),
    donorName,
    limitTotal: g.limitTotal,
    limitPeriod: g.limitPeriod ? { period: g.limitPeriod.period, count: g.limitPeriod.count } : null,
  }
}

async function basics(deps: ViewDeps, goods: GoodsDoc[], pictures: string[]) {
  const [stocks, donors, urls] = await Promise.all([
    readStocks(deps.db, goods.map((g) => g._id)),
    getDonors(deps.db, goods.map((g) => g.donorId)),
    urlsFor(deps.platform.storage, pictures),
  ])
  return { stocks, donors, urls }
}

/** A picture's temporary URL out of a batch `urlsFor` answered; null for no picture or one gone from storage. */
export const urlOf = (urls: Map<string, string | null>, f: string | null | undefined) => (f ? (urls.get(f) ?? null) : null)

/** Youth's cards: the first picture that passed its check, what is left, 已兑完 when nothing is. */
export async function toGoodsCards(deps: ViewDeps, goods: GoodsDoc[]) {
  const firsts = goods.map((g) => shownImages(g)[0] ?? null)
  const { stocks, donors, urls } = await basics(deps, goods, firsts.filter((f): f is string => !!f))
  return goods.map((g, i) => card(g, stocks.get(g._id) ?? NO_STOCK, donors.get(g.donorId)?.name ?? GONE_DONOR, urlOf(urls, firsts[i])))
}

/** The detail a youth opens: passed pictures only, open venues only, the donor's public face. */
export async function toGoodsDetail(deps: ViewDeps, g: GoodsDoc, mine: number | null) {
  const images = shownImages(g)
  const [donors, venues, stocks] = await Promise.all([getDonors(deps.db, [g.donorId]), getVenues(deps.db, g.venueIds), readStocks(deps.db, [g._id])])
  const donor = donors.get(g.donorId) ?? null
  const logo = donor ? shownLogo(donor) : null
  const urls = await urlsFor(deps.platform.storage, logo ? [...images, logo] : images)
  return {
    ...card(g, stocks.get(g._id) ?? NO_STOCK, donor?.name ?? GONE_DONOR, urlOf(urls, images[0])),
    images: images.map((f) => urls.get(f)).filter((u): u is string => !!u),
    description: g.description,
    donor: donor ? publicDonor(toDonorView(donor, urlOf(urls, logo))) : { id: g.donorId, name: GONE_DONOR, logo: null, story: '' },
    venues: openVenuesOf(g.venueIds, venues).map((v) => ({ id: v._id, name: v.name, address: v.address, hours: v.hours, lat: v.lat, lng: v.lng })),
    availableFrom: g.availableFrom,
    availableUntil: g.availableUntil,
    pickupDays: g.pickupDays,
    unitValue: g.unitValue,
    mine,
  }
}

const publicDonor = (d: ReturnType<typeof toDonorView>) => ({ id: d.id, name: d.name, logo: d.logo, story: d.story })

/** Cards as their managers see them: every picture, the stock figures, orders waiting for pickup. */
export async function toGoodsAdminCards(deps: ViewDeps, goods: GoodsDoc[]) {
  const [{ stocks, donors, urls }, live, venues] = await Promise.all([
    basics(deps, goods, goods.map((g) => g.images[0]).filter((f): f is string => !!f)),
    liveOrderCounts(deps.db, goods.map((g) => g._id)),
    getVenues(deps.db, goods.flatMap((g) => g.venueIds)),
  ])
  return goods.map((g) => adminCard(g, stocks.get(g._id) ?? NO_STOCK, donors.get(g.donorId)?.name ?? GONE_DONOR, urlOf(urls, g.images[0]), live.get(g._id) ?? 0, openVenuesOf(g.venueIds, venues).length))
}

function adminCard(g: GoodsDoc, stock: StockNow, donorName: string, image: string | null, liveOrders: number, venueCount: number) {
  return {
    ...card(g, stock, donorName, image),
    orgId: g.orgId,
    donorId: g.donorId,
    goodsStatus: g.status,
    supplied: stock.supplied,
    taken: stock.taken,
    liveOrders,
    imageChecks: imageChecksOf(g),
    venueCount,
    updatedAt: g.updatedAt,
  }
}

/** Everything the editor shows: each picture with its file id, URL and check. */
export async function toGoodsAdminView(deps: ViewDeps, g: GoodsDoc) {
  const [{ stocks, donors, urls }, live, venues] = await Promise.all([
    basics(deps, [g], g.images),
    liveOrderCounts(deps.db, [g._id]),
    getVenues(deps.db, g.venueIds),
  ])
  const checks = imageChecksOf(g)
  return {
    ...adminCard(g, stocks.get(g._id) ?? NO_STOCK, donors.get(g.donorId)?.name ?? GONE_DONOR, urlOf(urls, g.images[0]), live.get(g._id) ?? 0, openVenuesOf(g.venueIds, venues).length),
    images: g.images.map((f, i) => ({ fileId: f, url: urlOf(urls, f), check: checks[i] })),
    description: g.description,
    unitValue: g.unitValue,
    venueIds: g.venueIds,
    availableFrom: g.availableFrom,
    availableUntil: g.availableUntil,
    pickupDays: g.pickupDays,
    createdAt: g.createdAt,
  }
}

/** Donors as their cadres see them, with their org's name and how many goods each gave. */
export async function toDonorAdminViews(deps: ViewDeps, donors: DonorDoc[]) {
  const [orgs, counts, urls] = await Promise.all([
    getOrgs(deps.db, donors.map((d) => d.orgId)),
    goodsCountsByDonor(deps.db, donors.map((d) => d._id)),
    urlsFor(deps.platform.storage, donors.map((d) => d.logo)),
  ])
  return donors.map((d) => toDonorAdminView(d, { orgName: orgs.get(d.orgId)?.name ?? GONE_ORG, logoUrl: urlOf(urls, d.logo), goodsCount: counts.get(d._id) ?? 0 }))
}
