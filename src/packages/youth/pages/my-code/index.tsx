import { useEffect } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '../../../../components/page-shell'
import { LoadState } from '../../../../components/load-state'
import { QrCode } from '../../../../components/qr-code'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { scansApi } from '../../../../services/api/scans'
import { keepScreenOn } from '../../../../utils/platform'
import './index.scss'

const fetchMyCode = () => scansApi.myCode({})

export default function MyCodePage() {
  const page = usePageLoad(fetchMyCode, 'activity.myCode')
  const code = page.data

  useEffect(() => {
    keepScreenOn(true)
    return () => keepScreenOn(false)
  }, [])
  useDidShow(() => keepScreenOn(true))
  useDidHide(() => keepScreenOn(false))

  return (
    <PageShell id='page-my-code' title='我的签到码' subtitle='请组织者用「扫码签到」扫描，没有网络也能签到'>
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
      ) : (
        <LoadState state={page} retryId='my-code-retry' />
      )}
    </PageShell>
  )
}
