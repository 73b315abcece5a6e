import type { PropsWithChildren } from 'react'
import { Button, Loading } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { Role } from '../../types/enums'
import { ERRORS } from '../../types/errors'
import { useSession } from '../hooks/use-session'
import { hasRole } from '../utils/roles'
import { ROUTES, back } from '../utils/routes'
import { Notice } from './notice'

/** Shows its children only to holders of one of the roles (the server checks again, always). */
export function RequireRole({ roles, children }: PropsWithChildren<{ roles: Role[] }>) {
  const { me, loading, error } = useSession()
  if (loading && !me) {
    return (
      <View className='tq-centered'>
        <Loading direction='vertical'>正在加载…</Loading>
      </View>
    )
  }
  if (error && !me) return <Notice>{error.message}</Notice>
  if (!hasRole(me?.roles, ...roles)) {
    return (
      <View id='forbidden'>
        <Notice>{ERRORS['AUTH.FORBIDDEN']}</Notice>
        <Button className='tq-button' block onClick={() => back(ROUTES.me)}>
          返回
        </Button>
      </View>
    )
  }
  return <>{children}</>
}
