import type { ParticipationDoc } from '../activity/activity.rules'
import { COLLECTIONS } from '../runtime/collections'
import { readAll, transaction, txGet, type Db } from '../runtime/db'
import type { CertificateDoc, DeclarationDoc } from './hours.rules'

const CERTIFICATES = COLLECTIONS.certificates

/**
 * Records a certificate under its serial with the name and total printed on it; the first issue
 * keeps its date, so printing the same certificate again does not change it. Answers the stored one.
 */
export function issueCertificate(db: Db, cert: Omit<CertificateDoc, 'issuedAt'>, now: number): Promise<CertificateDoc> {
  return transaction(db, async (tx) => {
    const issued = await txGet<CertificateDoc>(tx, CERTIFICATES, cert._id)
    if (issued) return { ...issued, _id: cert._id }
    const { _id, ...data } = cert
    await tx.collection(CERTIFICATES).doc(_id).set({ data: { ...data, issuedAt: now } })
    return { ...cert, issuedAt: now }
  })
}

/** The holder's approved records of both kinds, as the reversal check needs them. */
export async function approvedRecordsOf(db: Db, openid: string): Promise<Pick<ParticipationDoc | DeclarationDoc, 'review' | 'approvedMinutes' | 'reviewedAt'>[]> {
  // Only what the check reads: the public check should not pull a holder's whole history.
  const fields = { _id: true, review: true, approvedMinutes: true, reviewedAt: true }
  const [parts, decls] = await Promise.all([
    readAll<ParticipationDoc>(db, COLLECTIONS.participations, { openid, review: 'approved' }, undefined, fields),
    readAll<DeclarationDoc>(db, COLLECTIONS.declarations, { openid, review: 'approved' }, undefined, fields),
  ])
  return [...parts, ...decls]
}
