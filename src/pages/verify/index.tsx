import { useCallback, useEffect, useState } from 'react'
import { Button, Input, Loading } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { OutputOf } from '../../../types/contract/common'
import type { CertificatesContract } from '../../../types/contract/certificates'
import { isDonorSerial, type DonorCertificateT } from '../../../types/contract/donors'
import { ERRORS } from '../../../types/errors'
import { PageShell } from '../../components/page-shell'
import { Notice } from '../../components/notice'
import { Stars } from '../../components/stars'
import { usePageLoad, type PageLoad } from '../../hooks/use-page-load'
import { usePageParams } from '../../hooks/use-page-params'
import { certificatesApi } from '../../services/api/certificates'
import { donorsApi } from '../../services/api/donors'
import { serialFromLink } from '../../utils/certificate-link'
import { boardOrgFromLink } from '../../utils/donor-links'
import { ROUTES, replace } from '../../utils/routes'
import { formatDate, hoursText } from '../../utils/time'
import { DonorValid } from './donor-result'
import './index.scss'

type Verified = OutputOf<CertificatesContract, 'verifyCertificate'>

/** A serial starting with U is a donor's 爱心证书 (types/contract/donors.ts); any other, a volunteer certificate. */
type Verdict = { kind: 'volunteer'; cert: Verified } | { kind: 'donor'; cert: DonorCertificateT }

type Outcome =
  | { kind: 'checking' }
  | { kind: 'valid'; verdict: Verdict }
  | { kind: 'not-found' }
  | { kind: 'bad-serial' }
  | { kind: 'no-serial' }
  | { kind: 'failed'; message: string }

/**
 * The serial from `?serial=…`, or from the link WeChat hands over as `q` when the page is opened by
 * scanning the certificate's QR code (扫普通链接二维码打开小程序).
 */
function serialOf(params: { serial: string; q: string }): string {
  return params.serial.trim().toUpperCase() || serialFromLink(params.q)
}

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

function Valid({ cert }: { cert: Verified }) {
  return (
    <View className='tq-verify tq-verify--valid' id='verify-result' data-result='valid'>
      <Text className='tq-verify__status' id='verify-status'>
        ✓ 证明有效
      </Text>
      <Text className='tq-verify__lead'>这份证明由团青通志愿服务平台出具。</Text>
      {cert.notice ? (
        <Text className='tq-verify__lead' id='verify-reversed'>
          {cert.notice}
        </Text>
      ) : null}
      <View className='tq-verify__rows'>
        <Row label='持证人' id='verify-holder'>
          {cert.holderName}
        </Row>
        <Row label='累计志愿服务' id='verify-total'>
          {`${hoursText(cert.totalMinutes)} 小时`}
        </Row>
        <View className='tq-verify__row'>
          <Text className='tq-verify__label'>星级</Text>
          <View className='tq-verify__stars'>
            <Stars id='verify-stars' count={cert.stars} />
            <Text className='tq-verify__value' id='verify-stars-text'>
              {cert.stars ? `${cert.stars}星志愿者` : '尚未获得星级'}
            </Text>
          </View>
        </View>
        <Row label='发证日期' id='verify-issued'>
          {formatDate(cert.issuedAt)}
        </Row>
      </View>
      <Text className='tq-muted tq-verify__note'>为保护个人信息，姓名已部分隐去；时长为发证时的累计时长。</Text>
    </View>
  )
}

function Refused({ result, title, text }: { result: string; title: string; text: string }) {
  return (
    <View className='tq-verify tq-verify--refused' id='verify-result' data-result={result}>
      <Text className='tq-verify__status' id='verify-status'>
        {title}
      </Text>
      <Text className='tq-verify__lead' id='verify-reason'>
        {text}
      </Text>
    </View>
  )
}

function outcomeOf(serial: string, check: PageLoad<Verdict>): Outcome {
  if (!serial) return { kind: 'no-serial' }
  if (check.data) return { kind: 'valid', verdict: check.data }
  if (!check.error || check.loading) return { kind: 'checking' }
  if (check.error.code === 'CERT.NOT_FOUND') return { kind: 'not-found' }
  if (check.error.code === 'GENERIC.BAD_INPUT') return { kind: 'bad-serial' }
  return { kind: 'failed', message: check.error.message }
}

/** Public: anyone holding a certificate checks it here, signed in or not, registered or not. */
export default function VerifyPage() {
  const params = usePageParams('serial', 'q')
  // A serial typed on the page (read off a printed certificate) wins over the link's.
  const [asked, setAsked] = useState('')
  const [typed, setTyped] = useState('')
  const serial = asked || serialOf(params)
  const ask = () => setAsked(typed.trim().replace(/^tq-cert:/i, '').toUpperCase())
  const donor = isDonorSerial(serial)
  const fetchVerdict = useCallback(
    async (): Promise<Verdict> =>
      donor ? { kind: 'donor', cert: await donorsApi.verifyDonorCertificate({ serial }) } : { kind: 'volunteer', cert: await certificatesApi.verifyCertificate({ serial }) },
    [serial, donor],
  )
  const check = usePageLoad(serial ? fetchVerdict : null, donor ? 'points.verifyDonorCertificate' : 'activity.verifyCertificate')
  const outcome = outcomeOf(serial, check)
  // A scanned link to a donor board (a thank-you card's QR, under the same /v/ prefix) opens the board.
  const boardOrg = asked || params.serial ? '' : boardOrgFromLink(params.q)
  useEffect(() => {
    if (boardOrg) replace(ROUTES.donors, { orgId: boardOrg })
  }, [boardOrg])

  return (
    <PageShell id='page-verify' title={donor ? '爱心证书验真' : '志愿服务证明验真'}>
      {serial ? (
        <Text className='tq-verify__serial' id='verify-serial'>
          {`证明编号 ${serial.slice(0, 40)}`}
        </Text>
      ) : null}
      {outcome.kind === 'checking' ? (
        <View className='tq-centered' id='verify-loading'>
          <Loading direction='vertical'>正在查验…</Loading>
        </View>
      ) : null}
      {outcome.kind === 'valid' ? outcome.verdict.kind === 'donor' ? <DonorValid cert={outcome.verdict.cert} /> : <Valid cert={outcome.verdict.cert} /> : null}
      {outcome.kind === 'not-found' ? (
        <Refused result='not-found' title='未找到这份证明' text={`${ERRORS['CERT.NOT_FOUND']}如有疑问，请向出具证明的团组织核实。`} />
      ) : null}
      {outcome.kind === 'bad-serial' ? (
        <Refused result='bad-serial' title='证明编号不正确' text='证明编号形如 AB12-CD34-EF56（爱心证书的编号以 U 开头）。请重新扫描证明上的二维码，或核对编号。' />
      ) : null}
      {outcome.kind === 'no-serial' ? (
        <Refused result='no-serial' title='没有收到证明编号' text={boardOrg ? '正在打开爱心企业榜…' : '请用微信扫描志愿服务证明或爱心证书右下角的二维码，或在下面输入证明上的编号。'} />
      ) : null}
      {outcome.kind === 'no-serial' || outcome.kind === 'not-found' || outcome.kind === 'bad-serial' ? (
        <View className='tq-actions' id='verify-ask'>
          <Input id='verify-serial-input' className='tq-input' value={typed} placeholder='输入证明编号，如 AB12-CD34-EF56' maxLength={40} onChange={setTyped} />
          <Button id='verify-submit' className='tq-button' type='primary' size='large' block disabled={!typed.trim()} onClick={ask}>
            查验
          </Button>
        </View>
      ) : null}
      {outcome.kind === 'failed' ? (
        <View className='tq-actions'>
          <Notice id='verify-error'>{outcome.message}</Notice>
          <Button id='verify-retry' className='tq-button' type='primary' size='large' block onClick={() => void check.reload()}>
            重试
          </Button>
        </View>
      ) : null}
    </PageShell>
  )
}
