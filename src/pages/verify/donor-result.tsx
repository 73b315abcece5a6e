import { Text, View } from '@tarojs/components'
import type { DonorCertificateT } from '../../../types/contract/donors'
import { formatDate } from '../../utils/time'
import { yuanText } from '../../utils/donor-figures'

function Row({ label, id, children }: { label: string; id: string; children: string }) {
  return (
    <View className='tq-verify__row'>
      <Text className='tq-verify__label'>{label}</Text>
      <Text className='tq-verify__value' id={id}>
        {children}
      </Text>
    </View>
  )
}

/** A valid 爱心证书: what was printed on it — the donor, the figures, the issuing org and the date. */
export function DonorValid({ cert }: { cert: DonorCertificateT }) {
  const f = cert.figures
  return (
    <View className='tq-verify tq-verify--valid' id='verify-result' data-result='valid' data-kind='donor'>
      <Text className='tq-verify__status' id='verify-status'>
        ✓ 爱心证书有效
      </Text>
      <Text className='tq-verify__lead'>{`这份爱心证书由${cert.orgName}通过团青通出具。`}</Text>
      <View className='tq-verify__rows'>
        <Row label='爱心企业' id='verify-donor'>
          {cert.donorName}
        </Row>
        <Row label='捐赠物资' id='verify-given'>
          {`${f.givenUnits} 件，价值 ${yuanText(f.givenValue)}`}
        </Row>
        <Row label='已兑换' id='verify-redeemed'>
          {`${f.redeemedUnits} 件，价值 ${yuanText(f.redeemedValue)}`}
        </Row>
        <Row label='惠及志愿者' id='verify-volunteers'>
          {`${f.volunteers} 名`}
        </Row>
        <Row label='出具单位' id='verify-issuer'>
          {cert.orgName}
        </Row>
        <Row label='发证日期' id='verify-issued'>
          {formatDate(cert.issuedAt)}
        </Row>
      </View>
      <Text className='tq-muted tq-verify__note'>数据为出具证书时的数据。</Text>
    </View>
  )
}
