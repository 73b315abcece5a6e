import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { findById, findByIds, readAll, txGet, type Db, type Tx } from '../runtime/db'
import { requestDocId } from '../runtime/idempotency'
import { collectionSource, keysetPage, type PageRequest, type PageResult } from '../runtime/paging'
import type { Secrets } from '../runtime/secrets'
import { sealPhone } from '../profile/profile.repo'
import type { DonorDoc } from './mall.rules'

const DONORS = COLLECTIONS.donors
const GOODS = COLLECTIONS.goods

/** A new donor's id, from its creator and request key: a retry after a lost reply finds the same donor. */
export function donorIdFor(openid: string, requestId: string): string {
  return requestDocId('d_', openid, requestId)
}

export function getDonor(db: Db, id: string): Promise<DonorDoc | null> {
  return findById<DonorDoc>(db, DONORS, id)
}

export async function requireDonor(db: Db, id: string): Promise<DonorDoc> {
  const d = await getDonor(db, id)
  if (!d) throw new AppError('DONOR.NOT_FOUND')
  return d
}

export function getDonors(db: Db, ids: string[]): Promise<Map<string, DonorDoc>> {
  return findByIds<DonorDoc>(db, DONORS, ids)
}

export function txDonor(tx: Tx, id: string): Promise<DonorDoc | null> {
  return txGet<DonorDoc>(tx, DONORS, id)
}

/** Writes the whole donor under its id, inside the caller's transaction. */
export async function putDonor(tx: Tx, d: DonorDoc): Promise<void> {
  const { _id, ...rest } = d
  await tx.collection(DONORS).doc(_id).set({ data: rest })
}

/** The contact phone at rest: ciphertext and a mask, sealed as profile phones are; the number itself is never stored. */
export function sealContactPhone(secrets: Secrets, phone: string): Pick<DonorDoc, 'contactPhoneEnc' | 'contactPhoneMasked'> {
  const { phoneEnc, phoneMasked } = sealPhone(secrets, phone)
  return { contactPhoneEnc: phoneEnc, contactPhoneMasked: phoneMasked }
}

/** The donors of an org's subtree, newest first, a page at a time over the (underOrgs, createdAt) index. */
export function pageDonorsUnder(db: Db, orgId: string, page: PageRequest): Promise<PageResult<DonorDoc>> {
  const source = collectionSource<DonorDoc>(db, { tag: 'd', collection: DONORS, where: { underOrgs: orgId }, field: 'createdAt', dir: 'desc', at: (d) => d.createdAt })
  return keysetPage([source], 'desc', page)
}

/** Donors whose logo waits for this check (one, unless the same picture was sent twice). */
export function donorsByLogoTrace(db: Db, trace: string): Promise<DonorDoc[]> {
  return readAll<DonorDoc>(db, DONORS, { logoTrace: trace }, 100)
}

/** How many goods each donor has given, by the goods' donorId index: one aggregate for a page of donors. */
export async function goodsCountsByDonor(db: Db, donorIds: string[]): Promise<Map<string, number>> {
  if (!donorIds.length) return new Map()
  const _ = db.command
  const $ = (_ as unknown as { aggregate: { sum(v: unknown): unknown } }).aggregate
  // CloudBase answers 20 groups unless told more: one group per donor asked about.
  const res = await db.collection(GOODS).aggregate().match({ donorId: _.in(donorIds) }).group({ _id: '$donorId', n: $.sum(1) }).limit(donorIds.length).end()
  return new Map((res.list as { _id: string; n: number }[]).map((r) => [r._id, r.n]))
}
