import { useCallback, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import type { GoodsAdminCardT } from '../../../../../types/contract/goods'
import { GOODS_STATUS_LABEL, type GoodsStatus } from '../../../../../types/enums'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { OrgPicker } from '../../../../components/org-picker'
import { RequireRole } from '../../../../components/require-role'
import { ToneTag } from '../../../../components/tone-tag'
import { ListFooter } from '../../../../components/load-more'
import { SingleChoice } from '../../../../components/choice-group'
import { useConfirm } from '../../../../components/confirm'
import { useListPage } from '../../../../hooks/use-list-page'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { useScopeOrg } from '../../../../hooks/use-scope-org'
import { toApiError } from '../../../../services/api'
import { goodsApi } from '../../../../services/api/goods'
import { limitText } from '../../../../utils/mall'
import { ROUTES, go } from '../../../../utils/routes'
import { STATUS_TONE, onSaleBlocker, picturesNote, statusLabel } from './format'
import { RestockDialog } from './restock-dialog'
import './index.scss'

type Filter = GoodsStatus | 'all'
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  ...(['on_sale', 'draft', 'off_shelf'] as const).map((s) => ({ value: s, label: GOODS_STATUS_LABEL[s] })),
]

interface RowProps {
  g: GoodsAdminCardT
  busy: boolean
  restocking: boolean
  onToggle: (g: GoodsAdminCardT) => void
  onRestock: (g: GoodsAdminCardT | null) => void
  onRestocked: (g: GoodsAdminCardT, text: string) => void
  orgName: string
}

function GoodsRow({ g, busy, restocking, onToggle, onRestock, onRestocked, orgName }: RowProps) {
  const onSale = g.goodsStatus === 'on_sale'
  const blocker = onSale ? null : onSaleBlocker(g)
  const note = picturesNote(g.imageChecks)
  const limit = limitText(g)
  return (
    <View className='tq-list-item tq-goods__row' id={`goods-${g.id}`}>
      <View className='tq-row tq-goods__head'>
        {g.image ? <Image src={g.image} mode='aspectFill' className='tq-goods__img' /> : <View className='tq-goods__img tq-goods__img--none' />}
        <View className='tq-grow'>
          <View className='tq-row'>
            <Text className='tq-list-item__title tq-grow'>{g.name}</Text>
            <ToneTag tone={STATUS_TONE[g.status]}>{statusLabel(g.status)}</ToneTag>
          </View>
          <Text className='tq-list-item__meta'>{`${g.price} 益币/件 · ${g.donorName}`}</Text>
          <Text className='tq-list-item__meta' id={`goods-stock-${g.id}`}>{`总量 ${g.supplied} · 已兑 ${g.taken} · 剩余 ${g.left} · 待领取 ${g.liveOrders} 笔`}</Text>
          {limit ? <Text className='tq-list-item__meta'>{limit}</Text> : null}
        </View>
      </View>
      {note ? <Text className='tq-goods__warn'>{note}</Text> : null}
      {blocker ? <Text className='tq-goods__warn' id={`goods-blocker-${g.id}`}>{blocker}</Text> : null}
      <View className='tq-row tq-goods__buttons'>
        <Button id={`goods-edit-${g.id}`} type='primary' fill='outline' disabled={busy} onClick={() => go(ROUTES.cadreGoodsEdit, { id: g.id, orgName })}>
          修改
        </Button>
        <Button id={`goods-restock-${g.id}`} type='primary' fill='outline' disabled={busy} onClick={() => onRestock(restocking ? null : g)}>
          补货
        </Button>
        <Button id={`goods-toggle-${g.id}`} type={onSale ? 'danger' : 'primary'} fill='outline' loading={busy} disabled={busy || !!blocker} onClick={() => onToggle(g)}>
          {onSale ? '下架' : '上架'}
        </Button>
      </View>
      {restocking ? (
        <RestockDialog
          goods={g}
          onCancel={() => onRestock(null)}
          onDone={(s) => onRestocked({ ...g, ...s }, `「${g.name}」库存已调整：总量 ${s.supplied} 件，剩余 ${s.left} 件。`)}
        />
      ) : null}
    </View>
  )
}

function GoodsAdmin() {
  const { roots, org, setOrg } = useScopeOrg('cadre', 'admin')
  const { dialog, ask } = useConfirm()
  const [filter, setFilter] = useState<Filter>('all')
  const [toggling, setToggling] = useState('')
  const [restocking, setRestocking] = useState('')
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)
  const fetchPage = useCallback((cursor?: string) => goodsApi.manageGoods({ orgId: org!.id, status: filter === 'all' ? undefined : filter, cursor }), [org, filter])
  const list = usePagedList(org ? fetchPage : null, 'points.manageGoods')
  useListPage(list, { reloadOnShow: true })

  const toggle = async (g: GoodsAdminCardT) => {
    const off = g.goodsStatus === 'on_sale'
    if (off) {
      const ok = await ask({
        title: '下架物资',
        content: `下架后青年不能再兑换「${g.name}」；已兑换的 ${g.liveOrders} 笔订单照常领取。确定下架吗？`,
        confirmText: '确定下架',
      })
      if (!ok) return
    }
    setNotice(null)
    setToggling(g.id)
    try {
      const { goods } = await goodsApi.setGoodsStatus({ goodsId: g.id, status: off ? 'off_shelf' : 'on_sale' })
      setNotice({ kind: 'success', text: off ? `「${goods.name}」已下架。` : `「${goods.name}」已上架，本县青年现在可以兑换。` })
      await list.reload()
    } catch (e) {
      setNotice({ kind: 'error', text: toApiError(e, 'points.setGoodsStatus').message })
    } finally {
      setToggling('')
    }
  }

  return (
    <>
      <Section>
        <Field name='goods-scope' label='团组织' required hint='显示这个组织及下级组织的物资。'>
          <OrgPicker name='goods-scope' value={org} roots={roots} onChange={setOrg} title='选择团组织' />
        </Field>
        <Field name='goods-filter' label='状态'>
          <SingleChoice name='goods-filter' choices={FILTERS} value={filter} onChange={setFilter} />
        </Field>
        <Button id='goods-new' className='tq-button' type='primary' size='large' block disabled={!org} onClick={() => go(ROUTES.cadreGoodsEdit, { orgId: org?.id, orgName: org?.name })}>
          新建物资
        </Button>
        <View className='tq-row tq-goods__links'>
          <Button id='goods-to-donors' className='tq-grow' fill='outline' onClick={() => go(ROUTES.cadreDonors)}>
            爱心企业
          </Button>
          <Button id='goods-to-report' className='tq-grow' fill='outline' onClick={() => go(ROUTES.cadreMallReport)}>
            兑换统计
          </Button>
        </View>
      </Section>
      <Notice kind={notice?.kind ?? 'error'} id='goods-notice'>
        {notice?.text}
      </Notice>
      <Section title='物资' id='goods-list'>
        {list.items.map((g) => (
          <GoodsRow
            key={g.id}
            g={g}
            orgName={org?.name ?? ''}
            busy={toggling === g.id}
            restocking={restocking === g.id}
            onToggle={(x) => void toggle(x)}
            onRestock={(x) => {
              setNotice(null)
              setRestocking(x?.id ?? '')
            }}
            onRestocked={(_x, text) => {
              setRestocking('')
              setNotice({ kind: 'success', text })
              void list.reload()
            }}
          />
        ))}
        <ListFooter list={list} id='goods-more' emptyText='还没有物资，点「新建物资」添加第一件吧' />
      </Section>
      {dialog}
    </>
  )
}

export default function CadreGoodsPage() {
  return (
    <PageShell id='page-cadre-goods' title='物资管理' subtitle='上架、下架、补货；青年在「益币」里兑换'>
      <RequireRole roles={['cadre', 'admin']}>
        <GoodsAdmin />
      </RequireRole>
    </PageShell>
  )
}
