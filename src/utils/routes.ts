import Taro from '@tarojs/taro'

/** Page paths. Subpackage pages are reached by URL only: the main package never imports them. */
export const ROUTES = {
  index: '/pages/index/index',
  privacy: '/pages/privacy/index',
  profile: '/pages/profile/index',
  me: '/pages/me/index',
  adminOrgs: '/packages/admin/pages/orgs/index',
  adminRoles: '/packages/admin/pages/roles/index',
  adminInvites: '/packages/admin/pages/invites/index',
  cadreYouth: '/packages/cadre/pages/youth/index',
} as const

export type Route = (typeof ROUTES)[keyof typeof ROUTES]

export function go(url: Route): void {
  void Taro.navigateTo({ url })
}

export function replace(url: Route): void {
  void Taro.redirectTo({ url })
}

/** Back if there is somewhere to go back to, else to the given page (e.g. after a reload on h5). */
export function back(fallback: Route = ROUTES.me): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.redirectTo({ url: fallback })
}
