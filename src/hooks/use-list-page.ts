import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { PagedList } from './use-paged-list'
import { useShownAgain } from './use-page-load'

export interface ListPageOptions {
  /** Load the list again when the page is shown again (back from a page that may have changed it). */
  reloadOnShow?: boolean
  /** What else a pull-down refreshes beside the list (a summary above it). */
  alsoRefresh?: () => Promise<unknown>
}

/**
 * A list page's wiring: pull-down reloads (and stops the spinner once everything answered), reaching
 * the bottom loads the next page unless one is already coming, and — when asked — the list reloads
 * when the page is shown again. `list` is the list on screen (a page with tabs passes the current one).
 */
export function useListPage(list: Pick<PagedList<unknown>, 'hasMore' | 'loading' | 'loadMore' | 'reload'>, { reloadOnShow = false, alsoRefresh }: ListPageOptions = {}): void {
  usePullDownRefresh(() => {
    // Each part shows its own failure (the list its error, a summary its notice); the spinner stops either way.
    void Promise.allSettled([list.reload(), alsoRefresh?.()]).then((answers) => {
      for (const a of answers) if (a.status === 'rejected') console.error('[list] pull-down refresh', a.reason)
      void Taro.stopPullDownRefresh()
    })
  })
  useReachBottom(() => {
    if (list.hasMore && !list.loading) void list.loadMore()
  })
  useShownAgain(() => {
    if (reloadOnShow) void list.reload()
  })
}
