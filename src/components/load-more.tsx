import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { PagedList } from '../hooks/use-paged-list'
import { EmptyState } from './empty-state'
import { Notice } from './notice'

/** The foot of a paged list: error, empty state, 「加载更多」 or 「没有更多了」. */
export function ListFooter<T>({ list, id, emptyText }: { list: PagedList<T>; id: string; emptyText: string }) {
  return (
    <View className='tq-load-more'>
      <Notice>{list.error?.message}</Notice>
      {!list.loading && !list.error && list.items.length === 0 ? <EmptyState text={emptyText} /> : null}
      {list.hasMore ? (
        <Button id={id} className='tq-button' block loading={list.loading} onClick={() => void list.loadMore()}>
          加载更多
        </Button>
      ) : list.loading ? (
        <Text className='tq-muted'>正在加载…</Text>
      ) : list.items.length ? (
        <Text className='tq-muted'>没有更多了</Text>
      ) : null}
    </View>
  )
}
