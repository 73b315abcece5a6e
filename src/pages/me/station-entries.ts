import type { RoleViewT } from '../../../types/contract/user'
import { hasRole } from '../../utils/roles'
import { ROUTES, type Route } from '../../utils/routes'

export interface Entry {
  id: string
  title: string
  description: string
  url: Route
}

/** 团代表联络站 for every registered youth. */
export const STATION_YOUTH_ENTRIES: Entry[] = [
  { id: 'entry-station-venues', title: '附近阵地', description: '身边的团代表联络站和青年之家', url: ROUTES.stationVenues },
  { id: 'entry-station-opinions', title: '我的意见', description: '提交的意见和团代表的答复', url: ROUTES.stationOpinions },
  { id: 'entry-station-surveys', title: '问卷', description: '团组织请你填写的问卷', url: ROUTES.stationSurveys },
]

/** A representative's or committee member's own work; the server checks the post each time. */
export function dutyEntriesFor(roles: readonly RoleViewT[]): Entry[] {
  if (!hasRole(roles, 'representative', 'committee')) return []
  return [
    { id: 'entry-station-duties', title: '我的履职', description: '今年的宣讲、调研、服务和座谈', url: ROUTES.stationDuties },
    { id: 'entry-station-visit', title: '进站签到', description: '扫联络站门口的码，开始进站接待', url: ROUTES.stationVisit },
    { id: 'entry-station-assigned', title: '待我答复', description: '分派给我的青年意见', url: ROUTES.stationAssigned },
    { id: 'entry-station-linked', title: '我联系的人', description: '“两联”中我联系的青年或团代表', url: ROUTES.stationLinked },
  ]
}

/** The cadre's and admin's station work, beside their other workbench entries. */
export function stationCadreEntriesFor(roles: readonly RoleViewT[]): Entry[] {
  if (!hasRole(roles, 'cadre', 'admin')) return []
  return [
    { id: 'entry-cadre-stations', title: '联络站管理', description: '联络站、青年之家和派驻人员', url: ROUTES.cadreStations },
    { id: 'entry-cadre-opinions', title: '意见办理', description: '分派青年意见，督办超期未答复的', url: ROUTES.cadreOpinions },
    { id: 'entry-cadre-surveys', title: '问卷管理', description: '新建问卷、发布和查看统计', url: ROUTES.cadreSurveys },
    { id: 'entry-cadre-duty-roster', title: '履职情况', description: '团代表和委员的年度履职，未达标的在前', url: ROUTES.cadreDutyRoster },
  ]
}
