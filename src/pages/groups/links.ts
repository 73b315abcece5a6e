import Taro from '@tarojs/taro'
import { go, ROUTES, withQuery, type Query, type Route } from '../../utils/routes'

/**
 * The 社群 pages a youth moves between (app.config.ts): the tab in the main package, the rest in the
 * community subpackage, reached by URL only.
 */
export const GROUP_PAGES = {
  tab: ROUTES.groups,
  group: ROUTES.communityGroup,
  announcement: ROUTES.communityAnnouncement,
  manage: ROUTES.communityManage,
} as const

export type GroupPage = Exclude<keyof typeof GROUP_PAGES, 'tab'>

function routeOf(page: keyof typeof GROUP_PAGES): Route {
  return GROUP_PAGES[page]
}

/** `/packages/community/pages/group/index?id=g1`: also the path of a share card. */
export function groupLink(page: GroupPage, query?: Query): string {
  return withQuery(routeOf(page), query)
}

export function goGroupPage(page: GroupPage, query?: Query): void {
  go(routeOf(page), query)
}

/** Back where the youth came from, or — opened from a share card or a code — to the 社群 tab (a tab is switched to). */
export function backToGroups(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else go(ROUTES.groups)
}
