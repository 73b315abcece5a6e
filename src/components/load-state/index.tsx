import type { ReactNode } from 'react'
import { Button, Loading } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { PageLoad } from '../../hooks/use-page-load'
import { Notice } from '../notice'

/**
 * What a page shows before its first answer (usePageLoad): a spinner, or why loading failed with
 * 重试 — or, where retrying cannot help, the `action` that can (say 去登记青年档案).
 */
export function LoadState({ state, errorId, retryId, action }: { state: Pick<PageLoad<unknown>, 'error' | 'loading' | 'reload'>; errorId?: string; retryId?: string; action?: ReactNode }) {
  if (state.error && !state.loading) {
    return (
      <>
        <Notice id={errorId}>{state.error.message}</Notice>
        {action ?? (
          <Button id={retryId} className='tq-button' size='large' block onClick={() => void state.reload()}>
            重试
          </Button>
        )}
      </>
    )
  }
  return (
    <View className='tq-centered'>
      <Loading direction='vertical'>正在加载…</Loading>
    </View>
  )
}
