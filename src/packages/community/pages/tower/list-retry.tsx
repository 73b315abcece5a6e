import { Button } from '@nutui/nutui-react-taro'
import type { PagedList } from '../../../../hooks/use-paged-list'

/**
 * 重试 under a list whose first page failed (its footer shows why; a later page that failed is asked
 * again by its own 加载更多).
 */
export function ListRetry({ list, id }: { list: Pick<PagedList<unknown>, 'error' | 'hasMore' | 'loading' | 'reload'>; id: string }) {
  if (!list.error || list.hasMore) return null
  return (
    <Button id={id} className='tq-button' block loading={list.loading} disabled={list.loading} onClick={() => void list.reload()}>
      重试
    </Button>
  )
}
