import { useEffect } from 'react'
import { Button, Loading } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '../../components/page-shell'
import { Notice } from '../../components/notice'
import { useSession } from '../../hooks/use-session'
import { acceptedPrivacyVersion } from '../../utils/storage'
import { entryRoute } from '../../utils/entry'
import { replace } from '../../utils/routes'
import { devLoginUrl, openDevLogin } from '../../utils/platform'
import './index.scss'

export default function IndexPage() {
  const { me, loading, error, refresh } = useSession()

  useEffect(() => {
    if (me) replace(entryRoute(me, acceptedPrivacyVersion()))
  }, [me])

  const needsLogin = error?.code === 'AUTH.UNAUTHENTICATED'
  const loginUrl = devLoginUrl()

  return (
    <PageShell id='page-index' className='tq-entry'>
      <View className='tq-entry__brand'>
        <Text className='tq-entry__name'>团青通</Text>
        <Text className='tq-entry__slogan'>县域共青团工作平台</Text>
      </View>
      {loading || (me && !error) ? (
        <View className='tq-entry__loading' id='entry-loading'>
          <Loading direction='vertical'>正在加载…</Loading>
        </View>
      ) : null}
      {!loading && needsLogin ? (
        <View className='tq-entry__panel' id='entry-login'>
          <Notice kind='info'>请先登录</Notice>
          {loginUrl ? (
            <Button id='entry-login-link' type='primary' block size='large' onClick={openDevLogin}>
              去登录
            </Button>
          ) : null}
        </View>
      ) : null}
      {!loading && error && !needsLogin ? (
        <View className='tq-entry__panel' id='entry-error'>
          <Notice>{error.message}</Notice>
          <Button id='entry-retry' type='primary' block size='large' onClick={() => void refresh()}>
            重试
          </Button>
        </View>
      ) : null}
    </PageShell>
  )
}
