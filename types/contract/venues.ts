import { z } from 'zod'
import { VENUE_KINDS } from '../enums'
import { Id, Lat, Lng, Page, PageInput, RequestId, Text, defineContract } from './common'

/**
 * Venues (pickup points now; stations and youth homes later), served by the points function: the
 * places of an org where goods are picked up, as the cadres in scope list, create, edit, open and close
 * them. One model for every kind of place (docs/domain.md "Words").
 */

export const VenueKind = z.enum(VENUE_KINDS, { error: '场所类型不正确' })
export const VenueStatus = z.enum(['open', 'closed'], { error: '场所状态不正确' })

/**
 * GCJ-02 coordinates, as chooseLocation gives them. That system is defined for China only, so a point
 * outside China's bounding box is a mistake (often latitude and longitude swapped), not a place.
 */
const VenueLat = Lat.refine((v) => v >= 3.5 && v <= 54, { error: '位置不在国内，请在地图上重新选择' })
const VenueLng = Lng.refine((v) => v >= 73 && v <= 136, { error: '位置不在国内，请在地图上重新选择' })

export const VenueView = z.object({
  id: Id,
  name: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  /** Opening hours as people write them: 周一至周五 9:00–17:00. */
  hours: z.string(),
  kind: VenueKind,
  orgId: Id,
  orgName: z.string(),
  status: VenueStatus,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
})

export const SaveVenueInput = z.strictObject({
  /** Absent: a new venue (its id follows from the caller and `requestId`); present: an edit of that venue. */
  venueId: Id.optional(),
  requestId: RequestId,
  orgId: Id,
  name: Text('名称', 30, { min: 2 }),
  address: Text('地址', 80, { min: 2 }),
  lat: VenueLat,
  lng: VenueLng,
  hours: Text('开放时间', 60),
  kind: VenueKind.default('pickup'),
})

export const venuesContract = defineContract('points', {
  listVenues: {
    summary: '团干部查看某团组织及下级的场所（兑换点等），可按类型、状态筛选。',
    input: z.strictObject({ orgId: Id, kind: VenueKind.optional(), status: VenueStatus.optional(), ...PageInput }),
    output: Page(VenueView),
  },
  saveVenue: {
    summary: '团干部在自己范围内新建或修改场所：名称、地址、地图位置、开放时间；新建时同一提交编号只建一个。',
    audit: true,
    input: SaveVenueInput,
    output: z.object({ venue: VenueView }),
  },
  setVenueStatus: {
    summary: '团干部启用或停用自己范围内的场所；停用后不再在此授予角色或发放邀请码。',
    audit: true,
    input: z.strictObject({ venueId: Id, status: VenueStatus }),
    output: z.object({ venue: VenueView }),
  },
})

export type VenuesContract = typeof venuesContract
export type VenueViewT = z.infer<typeof VenueView>
export type SaveVenueInputT = z.input<typeof SaveVenueInput>
