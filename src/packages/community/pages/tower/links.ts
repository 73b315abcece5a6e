import Taro from '@tarojs/taro'
import { GROUP_PAGES } from '../../../../pages/groups/links'
import { go, ROUTES, withQuery, type Query, type Route } from '../../../../utils/routes'

/**
 * The pages a group's admins and the cadres move between: those of the youth's 社群 links (the
 * group's page, an announcement, 社群管理) and the cadres' own, all in the community subpackage and
 * reached by URL only.
 */
export const COMMUNITY_PAGES = {
  manage: GROUP_PAGES.manage,
  announcement: GROUP_PAGES.announcement,
  tower: ROUTES.communityTower,
  groupEdit: ROUTES.communityGroupEdit,
  post: ROUTES.communityPost,
} as const

export type CommunityPage = keyof typeof COMMUNITY_PAGES

export function communityRoute(page: CommunityPage): Route {
  return COMMUNITY_PAGES[page]
}

export function goCommunity(page: CommunityPage, query?: Query): void {
  go(communityRoute(page), query)
}

/**
 * Back to the page that opened this one; opened on its own (a reload on h5), to `page` with its query
 * instead — a plain `back()` would lose the group's id.
 */
export function backToCommunity(page: CommunityPage, query?: Query): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.redirectTo({ url: withQuery(communityRoute(page), query) })
}
