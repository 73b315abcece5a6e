import { useCallback } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { Notice } from '../../../../components/notice'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { donorsApi } from '../../../../services/api/donors'
import { ROUTES, go } from '../../../../utils/routes'
import { formatDate } from '../../../../utils/time'

/**
 * The 爱心证书 issued to one donor, newest first; a tap opens the certificate as printed. Loaded when a
 * cadre opens it, not for every donor listed. `shown` changes each time the page is shown again, so a
 * certificate issued meanwhile is on the list when the cadre comes back.
 */
export function DonorCertificates({ donorId, shown }: { donorId: string; shown: number }) {
  // `shown` is not sent: a new value only makes the list start again from its first page.
  const fetchPage = useCallback((cursor?: string) => donorsApi.donorCertificates({ donorId, cursor }), [donorId, shown])
  const list = usePagedList(fetchPage, 'points.donorCertificates')
  return (
    <View className='tq-donors__certs' id={`donor-certs-${donorId}`}>
      {list.items.map((c) => (
        <View
          key={c.serial}
          id={`donor-cert-item-${c.serial}`}
          className='tq-donors__cert'
          hoverClass='tq-pressed'
          onClick={() => go(ROUTES.donorCertificate, { serial: c.serial })}
        >
          <Text className='tq-donors__cert-serial'>{`编号 ${c.serial}`}</Text>
          <Text className='tq-list-item__meta'>{`${formatDate(c.issuedAt)} · ${c.orgName}出具${c.valid ? ' · 有效' : ''}`}</Text>
        </View>
      ))}
      <Notice id={`donor-certs-error-${donorId}`}>{list.error?.message}</Notice>
      {!list.loading && !list.error && list.items.length === 0 ? <Text className='tq-muted'>还没有出具过爱心证书</Text> : null}
      {list.loading && !list.items.length ? <Text className='tq-muted'>正在加载…</Text> : null}
      {list.hasMore || list.error ? (
        <Button id={`donor-certs-more-${donorId}`} fill='outline' loading={list.loading} onClick={() => void (list.error && !list.items.length ? list.reload() : list.loadMore())}>
          {list.error && !list.items.length ? '重试' : '更多证书'}
        </Button>
      ) : null}
    </View>
  )
}
