import type { InputOf } from '../../../../../types/contract/common'
import type { DonorAdminViewT, GoodsContract } from '../../../../../types/contract/goods'
import type { OrgRef } from '../../../../utils/roles'
import { uuidV4 } from '../../../../utils/uuid'
import type { Picture } from '../goods-edit/pictures-field'

export type SaveDonorPayload = InputOf<GoodsContract, 'saveDonor'>

/** What the donor form holds. The contact phone is never sent back by the server, so an edit starts it empty. */
export interface DonorDraft {
  /** null: a new donor. */
  donorId: string | null
  /** Made when the form opens and sent with every attempt (a retried save makes one donor, applies one edit). */
  requestId: string
  org: OrgRef | null
  name: string
  story: string
  logo: Picture[]
  /** On an edit: the masked contact on file, shown beside the empty boxes. */
  contactOnFile: string | null
  contactName: string
  contactPhone: string
}

export function newDonorDraft(org: OrgRef | null): DonorDraft {
  return { donorId: null, requestId: uuidV4(), org, name: '', story: '', logo: [], contactOnFile: null, contactName: '', contactPhone: '' }
}

export function draftFromDonor(d: DonorAdminViewT): DonorDraft {
  return {
    donorId: d.id,
    requestId: uuidV4(),
    org: { id: d.orgId, name: d.orgName },
    name: d.name,
    story: d.story,
    logo: d.logoFileId ? [{ fileId: d.logoFileId, preview: d.logo, check: d.logoCheck ?? undefined }] : [],
    contactOnFile: `${d.contactName} ${d.contactPhoneMasked}`,
    contactName: '',
    contactPhone: '',
  }
}

/** The payload for saveDonor: on an edit, empty contact boxes keep what is on file. */
export function donorPayload(d: DonorDraft): SaveDonorPayload {
  const keepContact = d.donorId !== null
  return {
    ...(d.donorId ? { donorId: d.donorId } : {}),
    requestId: d.requestId,
    orgId: d.org?.id ?? '',
    name: d.name,
    story: d.story,
    logo: d.logo[0]?.fileId ?? null,
    ...(keepContact && !d.contactName.trim() ? {} : { contactName: d.contactName }),
    ...(keepContact && !d.contactPhone.trim() ? {} : { contactPhone: d.contactPhone }),
  }
}

export const FIELD_OF_CODE: Record<string, string> = {
  'DONOR.ORG_FIXED': 'orgId',
  'ORG.NOT_FOUND': 'orgId',
  'FILE.NOT_OWN': 'logo',
  'FILE.NOT_FOUND': 'logo',
}
