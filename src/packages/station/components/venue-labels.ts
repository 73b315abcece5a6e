import { HOME_TIER_LABEL, STATION_LEVEL_LABEL, type StationViewT } from '../../../../types/contract/station'
import type { ToneName } from '../../../utils/activity'

export interface VenueTag {
  text: string
  tone: ToneName
}

/** 联络站 · 分站 · 红色之站, or 青年之家 · 示范店: what a youth tells venues apart by. */
export function venueTags(v: Pick<StationViewT, 'kind' | 'level' | 'theme' | 'tier'>): VenueTag[] {
  if (v.kind === 'youth_home') {
    return [{ text: '青年之家', tone: 'orange' }, ...(v.tier ? [{ text: HOME_TIER_LABEL[v.tier], tone: 'grey' as const }] : [])]
  }
  const tags: VenueTag[] = [{ text: '团代表联络站', tone: 'red' }]
  if (v.level) tags.push({ text: STATION_LEVEL_LABEL[v.level], tone: 'grey' })
  if (v.theme) tags.push({ text: v.theme, tone: 'blue' })
  return tags
}
