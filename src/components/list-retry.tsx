import { Button } from '@nutui/nutui-react-taro'
import type { PagedList } from '../hooks/use-paged-list'

/**
 * 重试 under a list whose first page failed: ListFooter says why, and 加载更多 retries only a later
 * page (a first page that never came has no cursor to continue from).
 */
export function ListRetry<T>({ list, id }: { list: PagedList<T>; id: string }) {
  if (!list.error || list.loading || list.hasMore || list.items.length) return null
  return (
    <Button id={id} className='tq-button' block onClick={() => void list.reload()}>
      重试
    </Button>
  )
}
