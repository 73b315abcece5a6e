import { Button } from '@nutui/nutui-react-taro'
import type { PagedList } from '../hooks/use-paged-list'

/**
 * 重试 under a list whose first page failed: ListFooter says why, and 加载更多 retries only a later
 * page (a first page that never came has no cursor to continue from).
 */
export function ListRetry({ list, id }: { list: Pick<PagedList<unknown>, 'error' | 'hasMore' | 'loading' | 'reload' | 'items'>; id: string }) {
  if (!list.error || list.hasMore || list.items.length) return null
  return (
    <Button id={id} className='tq-button' block loading={list.loading} disabled={list.loading} onClick={() => void list.reload()}>
      重试
    </Button>
  )
}
