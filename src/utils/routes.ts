import Taro from '@tarojs/taro'

/** Page paths. Subpackage pages are reached by URL only: the main package never imports them. */
export const ROUTES = {
  index: '/pages/index/index',
  privacy: '/pages/privacy/index',
  profile: '/pages/profile/index',
  me: '/pages/me/index',
  activities: '/pages/activities/index',
  points: '/pages/points/index',
  groups: '/pages/groups/index',
  activity: '/pages/activity/index',
  checkin: '/packages/youth/pages/checkin/index',
  myActivities: '/packages/youth/pages/my-activities/index',
  myCode: '/packages/youth/pages/my-code/index',
  hours: '/packages/youth/pages/hours/index',
  declare: '/packages/youth/pages/declare/index',
  certificate: '/packages/youth/pages/certificate/index',
  verify: '/pages/verify/index',
  donors: '/pages/donors/index',
  donorCertificate: '/packages/donor/pages/certificate/index',
  mallGoods: '/packages/mall/pages/goods/index',
  mallOrders: '/packages/mall/pages/orders/index',
  mallOrder: '/packages/mall/pages/order/index',
  mallLedger: '/packages/mall/pages/ledger/index',
  adminOrgs: '/packages/admin/pages/orgs/index',
  adminRoles: '/packages/admin/pages/roles/index',
  adminInvites: '/packages/admin/pages/invites/index',
  adminPointsPolicy: '/packages/admin/pages/points-policy/index',
  cadreYouth: '/packages/cadre/pages/youth/index',
  cadreActivities: '/packages/cadre/pages/activities/index',
  cadreActivityEdit: '/packages/cadre/pages/activity-edit/index',
  cadreBoard: '/packages/cadre/pages/board/index',
  cadreScan: '/packages/cadre/pages/scan/index',
  cadreReview: '/packages/cadre/pages/review/index',
  cadreVenues: '/packages/cadre/pages/venues/index',
  cadreDonors: '/packages/cadre/pages/donors/index',
  cadreGoods: '/packages/cadre/pages/goods/index',
  cadreGoodsEdit: '/packages/cadre/pages/goods-edit/index',
  cadreMallReport: '/packages/cadre/pages/mall-report/index',
  cadrePoints: '/packages/cadre/pages/points/index',
  clerkPickup: '/packages/clerk/pages/pickup/index',
  communityGroup: '/packages/community/pages/group/index',
  communityAnnouncement: '/packages/community/pages/announcement/index',
  communityManage: '/packages/community/pages/manage/index',
  communityPost: '/packages/community/pages/post/index',
  communityGroupEdit: '/packages/community/pages/group-edit/index',
  communityTower: '/packages/community/pages/tower/index',
  stationVenues: '/packages/station/pages/venues/index',
  stationVenue: '/packages/station/pages/venue/index',
  stationOpinionNew: '/packages/station/pages/opinion-new/index',
  stationOpinions: '/packages/station/pages/opinions/index',
  stationOpinion: '/packages/station/pages/opinion/index',
  stationSurveys: '/packages/station/pages/surveys/index',
  stationSurvey: '/packages/station/pages/survey/index',
  stationDuties: '/packages/station/pages/duties/index',
  stationVisit: '/packages/station/pages/visit/index',
  stationAssigned: '/packages/station/pages/assigned/index',
  stationLinked: '/packages/station/pages/linked/index',
  stationDoor: '/packages/station/pages/door/index',
  stationMyRep: '/packages/station/pages/my-rep/index',
  cadreStations: '/packages/cadre/pages/stations/index',
  cadreStationEdit: '/packages/cadre/pages/station-edit/index',
  cadreHomeEdit: '/packages/cadre/pages/home-edit/index',
  cadreStationPeople: '/packages/cadre/pages/station-people/index',
  cadreOpinions: '/packages/cadre/pages/opinions/index',
  cadreSurveys: '/packages/cadre/pages/surveys/index',
  cadreSurveyEdit: '/packages/cadre/pages/survey-edit/index',
  cadreSurveyResults: '/packages/cadre/pages/survey-results/index',
  cadreDutyRoster: '/packages/cadre/pages/duty-roster/index',
} as const

export type Route = (typeof ROUTES)[keyof typeof ROUTES]

/** The tab bar's pages (app.config.ts): WeChat reaches them with switchTab only, and without a query. */
export const TAB_ROUTES: readonly Route[] = [ROUTES.activities, ROUTES.groups, ROUTES.points, ROUTES.me]

export function isTab(url: Route): boolean {
  return TAB_ROUTES.includes(url)
}

export type Query = Record<string, string | number | undefined>

/** `/pages/activity/index?id=a1`; undefined values are left out. */
export function withQuery(url: Route, query?: Query): string {
  const parts = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `${url}?${parts.join('&')}` : url
}

export function go(url: Route, query?: Query): void {
  if (isTab(url)) void Taro.switchTab({ url })
  else void Taro.navigateTo({ url: withQuery(url, query) })
}

export function replace(url: Route, query?: Query): void {
  if (isTab(url)) void Taro.switchTab({ url })
  else void Taro.redirectTo({ url: withQuery(url, query) })
}

/** Starts the app over on a page (closing every page, tabs included). */
export function relaunch(url: Route): void {
  void Taro.reLaunch({ url })
}

/** Back if there is somewhere to go back to, else to the given page (e.g. after a reload on h5). */
export function back(fallback: Route = ROUTES.me): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else replace(fallback)
}
