import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import type { DonorAdminViewT } from '../../../../../types/contract/goods'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { OrgPicker } from '../../../../components/org-picker'
import { RequireRole } from '../../../../components/require-role'
import { ListFooter } from '../../../../components/load-more'
import { useListPage } from '../../../../hooks/use-list-page'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { useShownAgain } from '../../../../hooks/use-page-load'
import { useScopeOrg } from '../../../../hooks/use-scope-org'
import { goodsApi } from '../../../../services/api/goods'
import { ROUTES, go } from '../../../../utils/routes'
import { DonorCertificates } from './certificates'
import { DonorEditor } from './donor-editor'
import { draftFromDonor, newDonorDraft, type DonorDraft } from './draft'
import './index.scss'

const LOGO_NOTE = { pending: '标志检查中，通过后公开显示', risky: '标志未通过检查，不会公开显示，请更换' } as const

function DonorRow({ d, onEdit, shown }: { d: DonorAdminViewT; onEdit: (d: DonorAdminViewT) => void; shown: number }) {
  const [certs, setCerts] = useState(false)
  return (
    <View className='tq-list-item tq-donors__row' id={`donor-${d.id}`}>
      <View className='tq-row tq-donors__head'>
        {d.logo ? <Image src={d.logo} mode='aspectFill' className='tq-donors__logo' /> : null}
        <View className='tq-grow'>
          <Text className='tq-list-item__title'>{d.name}</Text>
          <Text className='tq-list-item__meta'>{`${d.orgName} · 捐赠物资 ${d.goodsCount} 种`}</Text>
          <Text className='tq-list-item__meta' id={`donor-contact-${d.id}`}>{`联系人：${d.contactName} ${d.contactPhoneMasked}`}</Text>
        </View>
      </View>
      <Text className='tq-list-item__meta'>{d.story}</Text>
      {d.logoCheck === 'pending' || d.logoCheck === 'risky' ? <Text className='tq-donors__warn'>{LOGO_NOTE[d.logoCheck]}</Text> : null}
      <View className='tq-row tq-donors__buttons'>
        <Button id={`donor-edit-${d.id}`} type='primary' fill='outline' onClick={() => onEdit(d)}>
          修改
        </Button>
        <Button id={`donor-cert-${d.id}`} fill='outline' onClick={() => go(ROUTES.donorCertificate, { donorId: d.id, name: d.name })}>
          出具爱心证书
        </Button>
        <Button id={`donor-certs-toggle-${d.id}`} fill='outline' onClick={() => setCerts(!certs)}>
          {certs ? '收起证书' : '已出具的证书'}
        </Button>
      </View>
      {certs ? <DonorCertificates donorId={d.id} shown={shown} /> : null}
    </View>
  )
}

function DonorsAdmin() {
  const { roots, org, setOrg } = useScopeOrg('cadre', 'admin')
  const [editing, setEditing] = useState<DonorDraft | null>(null)
  const [notice, setNotice] = useState('')
  const fetchPage = useCallback((cursor?: string) => goodsApi.listDonors({ orgId: org!.id, cursor }), [org])
  const list = usePagedList(org ? fetchPage : null, 'points.listDonors')
  useListPage(list)
  // Back from issuing a certificate: the donors' open lists of certificates ask again.
  const [shown, setShown] = useState(0)
  useShownAgain(() => setShown((n) => n + 1))

  const startEdit = (d: DonorAdminViewT) => {
    setNotice('')
    setEditing(draftFromDonor(d))
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
  }

  return (
    <>
      {editing ? (
        <DonorEditor
          key={editing.donorId ?? editing.requestId}
          initial={editing}
          roots={roots}
          onCancel={() => setEditing(null)}
          onSaved={(d, created) => {
            setEditing(null)
            setNotice(created ? `已登记爱心企业「${d.name}」。` : `「${d.name}」的修改已保存。`)
            void list.reload()
          }}
        />
      ) : (
        <Section>
          <Field name='donors-org' label='团组织' required hint='显示这个组织及下级组织登记的爱心企业。'>
            <OrgPicker name='donors-org' value={org} roots={roots} onChange={setOrg} title='选择团组织' />
          </Field>
          <Button
            id='donor-new'
            className='tq-button'
            type='primary'
            size='large'
            block
            disabled={!org}
            onClick={() => {
              setNotice('')
              setEditing(newDonorDraft(org))
            }}
          >
            登记爱心企业
          </Button>
        </Section>
      )}
      <Notice kind='success' id='donors-notice'>
        {notice}
      </Notice>
      <Section title='爱心企业' id='donor-list'>
        {list.items.map((d) => (
          <DonorRow key={d.id} d={d} onEdit={startEdit} shown={shown} />
        ))}
        <ListFooter list={list} id='donors-more' emptyText='还没有登记爱心企业，点「登记爱心企业」添加第一家吧' />
      </Section>
    </>
  )
}

export default function CadreDonorsPage() {
  return (
    <PageShell id='page-cadre-donors' title='爱心企业' subtitle='捐赠物资的企业：名称和爱心故事公开致谢，联系方式只给团干部看'>
      <RequireRole roles={['cadre', 'admin']}>
        <DonorsAdmin />
      </RequireRole>
    </PageShell>
  )
}
