import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { GoodsContract } from '../../../../../types/contract/goods'
import type { OutputOf } from '../../../../../types/contract/common'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { LoadState } from '../../../../components/load-state'
import { OrgPicker } from '../../../../components/org-picker'
import { RequireRole } from '../../../../components/require-role'
import { SingleChoice } from '../../../../components/choice-group'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { useScopeOrg } from '../../../../hooks/use-scope-org'
import { goodsApi } from '../../../../services/api/goods'
import { formatDate } from '../../../../utils/time'
import { yuanText } from '../goods/format'
import { PERIODS, periodRange, type Period } from './period'
import './index.scss'

type Report = OutputOf<GoodsContract, 'mallReport'>

function Figure({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <View className='tq-report__figure' id={id}>
      <Text className='tq-report__value'>{value}</Text>
      <Text className='tq-report__label'>{label}</Text>
    </View>
  )
}

function Totals({ t }: { t: Report['totals'] }) {
  return (
    <View className='tq-row tq-report__figures'>
      <Figure id='report-redeemed' label='兑换（件）' value={String(t.redeemed)} />
      <Figure id='report-picked' label='已领取（件）' value={String(t.pickedUp)} />
      <Figure id='report-cancelled' label='取消（件）' value={String(t.cancelled)} />
      <Figure id='report-expired' label='过期（件）' value={String(t.expired)} />
      <Figure id='report-points' label='消耗益币' value={String(t.points)} />
      <Figure id='report-value' label='兑换价值（元）' value={yuanText(t.value)} />
      <Figure id='report-left' label='当前剩余库存（件）' value={`${t.left} / ${t.supplied}`} />
    </View>
  )
}

function ReportView({ orgId, period }: { orgId: string; period: Period }) {
  const [range] = useState(() => periodRange(period, Date.now()))
  const load = useCallback(() => goodsApi.mallReport({ orgId, ...range }), [orgId, range])
  const page = usePageLoad(load, 'points.mallReport')
  if (!page.data) return <LoadState state={page} errorId='report-load-error' retryId='report-retry' />
  const r = page.data
  return (
    <>
      <Section title={`${formatDate(range.from)} 至 ${formatDate(range.to - 1)}`} id='report-totals'>
        <Totals t={r.totals} />
      </Section>
      <Section title='按物资' id='report-goods'>
        {r.goods.length ? (
          r.goods.map((g) => (
            <View key={g.goodsId} className='tq-list-item' id={`report-goods-${g.goodsId}`}>
              <Text className='tq-list-item__title'>{g.name}</Text>
              <Text className='tq-list-item__meta'>{g.donorName}</Text>
              <Text className='tq-list-item__meta'>{`兑换 ${g.redeemed} 件 · 领取 ${g.pickedUp} 件 · 取消 ${g.cancelled} 件 · 过期 ${g.expired} 件`}</Text>
              <Text className='tq-list-item__meta'>{`消耗 ${g.points} 益币 · 价值 ${yuanText(g.value)} 元 · 库存剩余 ${g.left} / 总量 ${g.supplied}`}</Text>
            </View>
          ))
        ) : (
          <Text className='tq-muted' id='report-goods-empty'>这段时间没有兑换，也没有正在兑换的物资。</Text>
        )}
      </Section>
      <Section title='按兑换点（领取）' id='report-venues'>
        {r.venues.length ? (
          r.venues.map((v) => (
            <View key={v.venueId} className='tq-list-item' id={`report-venue-${v.venueId}`}>
              <Text className='tq-list-item__title'>{v.name}</Text>
              <Text className='tq-list-item__meta'>{`领取 ${v.pickedUp} 件 · ${v.points} 益币 · 价值 ${yuanText(v.value)} 元`}</Text>
            </View>
          ))
        ) : (
          <Text className='tq-muted' id='report-venues-empty'>这段时间没有在兑换点领取的物资。</Text>
        )}
      </Section>
      <Text className='tq-muted'>「兑换」按下单时间统计；领取、取消、过期按发生时间统计；益币和价值只计仍有效（待领取或已领取）的兑换。</Text>
    </>
  )
}

function MallReport() {
  const { roots, org, setOrg } = useScopeOrg('cadre', 'admin')
  const [period, setPeriod] = useState<Period>('month')
  return (
    <>
      <Section>
        <Field name='report-org' label='团组织' required hint='统计这个组织及下级组织的物资。'>
          <OrgPicker name='report-org' value={org} roots={roots} onChange={setOrg} title='选择团组织' />
        </Field>
        <Field name='report-period' label='时段'>
          <SingleChoice name='report-period' choices={[...PERIODS]} value={period} onChange={setPeriod} />
        </Field>
      </Section>
      {org ? <ReportView key={`${org.id}|${period}`} orgId={org.id} period={period} /> : null}
    </>
  )
}

export default function CadreMallReportPage() {
  return (
    <PageShell id='page-cadre-mall-report' title='兑换统计' subtitle='按物资和兑换点统计兑换、领取、取消、过期和库存'>
      <RequireRole roles={['cadre', 'admin']}>
        <MallReport />
      </RequireRole>
    </PageShell>
  )
}
