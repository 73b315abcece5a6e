import { useCallback, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { DonorCertificateT } from '../../../../../types/contract/donors'
import { LoadState } from '../../../../components/load-state'
import { Notice } from '../../../../components/notice'
import { PageShell, Section } from '../../../../components/page-shell'
import { usePictureShare } from '../../../../components/picture-share'
import { QrCode } from '../../../../components/qr-code'
import { RequireRole } from '../../../../components/require-role'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { usePageParams } from '../../../../hooks/use-page-params'
import { toApiError, type ApiError } from '../../../../services/api'
import { donorsApi } from '../../../../services/api/donors'
import type { Ctx2D } from '../../../../utils/certificate-image'
import { certificateVerifyValue } from '../../../../utils/certificate-link'
import { DONOR_CERT_HEIGHT, DONOR_CERT_WIDTH, donorCertificateRows, donorCertificateSentence, drawDonorCertificate } from '../../../../utils/donor-certificate-image'
import { formatDate } from '../../../../utils/time'
import { uuidV4 } from '../../../../utils/uuid'
import './index.scss'

/** The certificate as printed, on screen: the same words and figures as the saved picture. */
function DonorCertificateCard({ cert }: { cert: DonorCertificateT }) {
  return (
    <View className='tq-dcert' id='donor-cert-card'>
      <View className='tq-dcert__inner'>
        <Text className='tq-dcert__title'>爱心证书</Text>
        <Text className='tq-dcert__serial' id='donor-cert-serial'>{`编号 ${cert.serial}`}</Text>
        <Text className='tq-dcert__sentence' id='donor-cert-sentence'>
          {donorCertificateSentence(cert)}
        </Text>
        <View className='tq-dcert__rows' id='donor-cert-rows'>
          {donorCertificateRows(cert.figures).map(([label, value]) => (
            <View key={label} className='tq-dcert__row'>
              <Text className='tq-dcert__label'>{label}</Text>
              <Text className='tq-dcert__value'>{value}</Text>
            </View>
          ))}
        </View>
        <View className='tq-dcert__foot'>
          <View className='tq-grow'>
            <Text className='tq-dcert__issuer' id='donor-cert-issuer'>
              {cert.orgName}
            </Text>
            <Text className='tq-dcert__date' id='donor-cert-issued'>{`发证日期 ${formatDate(cert.issuedAt)}`}</Text>
          </View>
          <View className='tq-dcert__qr'>
            <QrCode id='donor-cert-qr' value={certificateVerifyValue(cert.serial)} size={96} />
            <Text className='tq-dcert__qr-caption'>扫码验真</Text>
          </View>
        </View>
      </View>
    </View>
  )
}

function Issued({ cert }: { cert: DonorCertificateT }) {
  const pictures = usePictureShare('donor-cert')
  const save = () =>
    void pictures.share({
      width: DONOR_CERT_WIDTH,
      height: DONOR_CERT_HEIGHT,
      draw: (ctx) => drawDonorCertificate(ctx as unknown as Ctx2D, cert),
      fileName: `爱心证书-${cert.donorName}-${cert.serial}.png`,
    })
  return (
    <>
      <DonorCertificateCard cert={cert} />
      <View className='tq-actions'>
        <Button id='donor-cert-picture' className='tq-button' type='primary' size='large' block loading={pictures.busy} onClick={save}>
          保存或分享证书图片
        </Button>
        <Text className='tq-muted'>证书上的数据是出具时的数据；任何人扫描二维码或输入编号都可以验真。</Text>
      </View>
      {pictures.view}
    </>
  )
}

/** A cadre issues the certificate: one request key per page, reused by every retry, so a lost reply never prints two. */
function IssueFlow({ donorId, name }: { donorId: string; name: string }) {
  const [requestId] = useState(uuidV4)
  const [cert, setCert] = useState<DonorCertificateT | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)

  const issue = async () => {
    setBusy(true)
    setError(null)
    try {
      setCert((await donorsApi.issueDonorCertificate({ donorId, requestId })).certificate)
    } catch (e) {
      setError(toApiError(e, 'points.issueDonorCertificate'))
    } finally {
      setBusy(false)
    }
  }

  if (cert) return <Issued cert={cert} />
  return (
    <Section title={name ? `为「${name}」出具爱心证书` : '出具爱心证书'} id='donor-cert-intro'>
      <Text className='tq-dcert__intro'>证书记录出具时这家爱心企业捐赠的物资件数和价值、志愿者已兑换的件数和人数，带证书编号和验真二维码，可以保存图片打印后送给企业。</Text>
      <Notice id='donor-cert-error'>{error?.message}</Notice>
      <Button id='donor-cert-issue' className='tq-button' type='primary' size='large' block loading={busy} onClick={() => void issue()}>
        出具爱心证书
      </Button>
    </Section>
  )
}

/** An issued certificate opened again by its serial: what was printed, from the public check. */
function BySerial({ serial }: { serial: string }) {
  const load = useCallback(() => donorsApi.verifyDonorCertificate({ serial }), [serial])
  const page = usePageLoad(load, 'points.verifyDonorCertificate')
  return page.data ? <Issued cert={page.data} /> : <LoadState state={page} errorId='donor-cert-load-error' retryId='donor-cert-retry' />
}

/** 爱心证书: `?donorId=…&name=…` to issue one (cadres and admins), `?serial=…` to show one again. */
export default function DonorCertificatePage() {
  const params = usePageParams('donorId', 'name', 'serial')
  const serial = params.serial.trim().toUpperCase()
  return (
    <PageShell id='page-donor-certificate'>
      {serial ? (
        <BySerial serial={serial} />
      ) : params.donorId ? (
        <RequireRole roles={['admin', 'cadre']}>
          <IssueFlow donorId={params.donorId} name={params.name.trim().slice(0, 40)} />
        </RequireRole>
      ) : (
        <Notice id='donor-cert-no-donor'>请从爱心企业管理页面选择一家爱心企业，再出具爱心证书。</Notice>
      )}
    </PageShell>
  )
}
