import { useCallback, useEffect, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { Button, Loading } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '../../../../components/page-shell'
import { Notice } from '../../../../components/notice'
import { QrCode } from '../../../../components/qr-code'
import { toApiError } from '../../../../services/api'
import { scansApi } from '../../../../services/api/scans'
import { keepScreenOn } from '../../../../utils/platform'
import './index.scss'

export default function MyCodePage() {
  const [code, setCode] = useState<{ personCode: string; userName: string } | null>(null)
  const [error, setError] = useState('')

  const load = useCallback(async () => {
    setError('')
    try {
      setCode(await scansApi.myCode({}))
    } catch (e) {
      setError(toApiError(e, 'activity.myCode').message)
    }
  }, [])

  useEffect(() => {
    void load()
    keepScreenOn(true)
    return () => keepScreenOn(false)
  }, [load])
  useDidShow(() => keepScreenOn(true))
  useDidHide(() => keepScreenOn(false))

  return (
    <PageShell id='page-my-code' title='我的签到码' subtitle='请组织者用「扫码签到」扫描，没有网络也能签到'>
      <Notice>{error}</Notice>
      {code ? (
        <View className='tq-my-code__card'>
          <Text className='tq-my-code__name' id='my-code-name'>
            {code.userName}
          </Text>
          <View className='tq-my-code__qr'>
            <QrCode id='my-code-qr' value={code.personCode} size={260} />
          </View>
          <Text className='tq-my-code__text' id='my-code-text' userSelect>
            {code.personCode}
          </Text>
          <Text className='tq-muted tq-my-code__tip'>屏幕会保持常亮。请调亮屏幕，让组织者对准二维码扫描。</Text>
        </View>
      ) : error ? (
        <Button id='my-code-retry' className='tq-button' size='large' block onClick={() => void load()}>
          重试
        </Button>
      ) : (
        <View className='tq-centered'>
          <Loading direction='vertical'>正在加载…</Loading>
        </View>
      )}
    </PageShell>
  )
}
