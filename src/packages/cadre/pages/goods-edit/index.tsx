import { useCallback, useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { SaveGoodsInput, type DonorAdminViewT, type GoodsAdminViewT } from '../../../../../types/contract/goods'
import type { VenueViewT } from '../../../../../types/contract/venues'
import { GOODS_CATEGORY_LABEL, LIMIT_PERIOD_LABEL, type LimitPeriod } from '../../../../../types/enums'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { LoadState } from '../../../../components/load-state'
import { ListFooter } from '../../../../components/load-more'
import { OrgPicker } from '../../../../components/org-picker'
import { RequireRole } from '../../../../components/require-role'
import { MultiChoice, SingleChoice, choicesOf } from '../../../../components/choice-group'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { usePageParams } from '../../../../hooks/use-page-params'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { useSession } from '../../../../hooks/use-session'
import { useScopeOrg } from '../../../../hooks/use-scope-org'
import { toApiError } from '../../../../services/api'
import { goodsApi } from '../../../../services/api/goods'
import { venuesApi } from '../../../../services/api/venues'
import { issueFields, type FieldErrors } from '../../../../utils/form'
import type { OrgRef } from '../../../../utils/roles'
import { ROUTES, go } from '../../../../utils/routes'
import { DateTimeField } from '../../components/date-time-field'
import { onSaleBlocker, picturesNote, statusLabel, yuanText } from '../goods/format'
import { FIELD_MESSAGES, FIELD_OF_CODE, draftFromGoods, goodsPayload, newGoodsDraft, type GoodsDraft } from './draft'
import { PicturesField } from './pictures-field'
import './index.scss'
import './pictures-field.scss'

const CATEGORIES = choicesOf(GOODS_CATEGORY_LABEL)
const PERIODS = [{ value: 'none' as const, label: '不限' }, ...choicesOf(LIMIT_PERIOD_LABEL)]
const MAX_PICTURES = 6

/** Which fields a change of a draft key clears the red messages of. */
const ERROR_KEYS: Partial<Record<keyof GoodsDraft, string[]>> = {
  org: ['orgId'],
  pictures: ['images'],
  limitPeriod: ['limitPeriod', 'form'],
  limitPeriodCount: ['limitPeriod', 'form'],
  limitTotal: ['limitTotal', 'form'],
  availableFrom: ['availableFrom', 'form'],
  availableUntil: ['availableUntil', 'form'],
}

/**
 * Donors and venues are listed from the cadre's own top org that holds the goods' org (all of a
 * county's, for its admin), since a goods item may name any donor or pickup point of its county.
 */
function listOrg(roots: OrgRef[], org: OrgRef | null): OrgRef | null {
  if (!org) return null
  return roots.find((r) => r.id === org.id) ?? roots[0] ?? org
}

function Editor() {
  const params = usePageParams('id', 'orgId', 'orgName')
  const { roots } = useScopeOrg('cadre', 'admin')
  const { me } = useSession()
  const [goods, setGoods] = useState<GoodsAdminViewT | null>(null)
  const [draft, setDraft] = useState<GoodsDraft>(() => newGoodsDraft(params.orgId ? { id: params.orgId, name: params.orgName || '所选组织' } : null))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)
  const [busy, setBusy] = useState<'' | 'save' | 'sale'>('')
  const [uploading, setUploading] = useState(false)
  const orgName = params.orgName || '所属组织'

  const fetchGoods = useCallback(() => goodsApi.getManagedGoods({ goodsId: params.id }), [params.id])
  const page = usePageLoad(params.id ? fetchGoods : null, 'points.getManagedGoods')
  useEffect(() => {
    if (!page.data) return
    setGoods(page.data.goods)
    setDraft(draftFromGoods(page.data.goods, orgName))
  }, [page.data, orgName])

  useEffect(() => {
    if (!draft.org && roots.length) setDraft((d) => ({ ...d, org: roots[0] }))
  }, [draft.org, roots])

  const isNew = !draft.goodsId
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: isNew ? '新建物资' : '修改物资' }).catch(() => undefined)
  }, [isNew])

  const from = listOrg(roots, draft.org)
  const fetchDonors = useCallback((cursor?: string) => goodsApi.listDonors({ orgId: from!.id, cursor }), [from?.id]) // eslint-disable-line react-hooks/exhaustive-deps
  const donors = usePagedList<DonorAdminViewT>(from ? fetchDonors : null, 'points.listDonors')
  const fetchVenues = useCallback((cursor?: string) => venuesApi.listVenues({ orgId: from!.id, kind: 'pickup', status: 'open', cursor }), [from?.id]) // eslint-disable-line react-hooks/exhaustive-deps
  const venues = usePagedList<VenueViewT>(from ? fetchVenues : null, 'points.listVenues')

  // A venue already chosen but not (yet) in the list keeps its place among the choices.
  const venueChoices = useMemo(() => {
    const listed = venues.items.map((v) => ({ value: v.id, label: `${v.name}（${v.address}）` }))
    const extra = draft.venueIds.filter((id) => !venues.items.some((v) => v.id === id)).map((id) => ({ value: id, label: '已选的兑换点' }))
    return [...listed, ...extra]
  }, [venues.items, draft.venueIds])
  const donorChoices = useMemo(() => {
    const listed = donors.items.map((d) => ({ value: d.id, label: d.name }))
    return draft.donorId && !donors.items.some((d) => d.id === draft.donorId) ? [...listed, { value: draft.donorId, label: '已选的爱心企业' }] : listed
  }, [donors.items, draft.donorId])

  const set = <K extends keyof GoodsDraft>(key: K, value: GoodsDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    const keys = ERROR_KEYS[key] ?? [key as string]
    setErrors((e) => (keys.some((k) => e[k]) ? Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k))) : e))
  }

  const save = async () => {
    setNotice(null)
    const parsed = SaveGoodsInput.safeParse(goodsPayload(draft))
    if (!parsed.success) {
      const found = issueFields(parsed.error.issues)
      for (const k of Object.keys(found)) if (FIELD_MESSAGES[k]) found[k] = FIELD_MESSAGES[k]
      setErrors(found)
      setNotice({ kind: 'error', text: found.form ?? '有几项需要修改，请看红色提示。' })
      return
    }
    setErrors({})
    setBusy('save')
    try {
      const { goods: saved } = await goodsApi.saveGoods(parsed.data)
      setGoods(saved)
      // The next change is a new request: a fresh key, the saved pictures with their checks.
      setDraft(draftFromGoods(saved, draft.org?.name ?? orgName))
      setNotice({ kind: 'success', text: isNew ? `已新建「${saved.name}」（草稿）。上架后青年才能看到并兑换。` : '修改已保存。已兑换的订单不受影响。' })
    } catch (e) {
      const err = toApiError(e, 'points.saveGoods')
      const found = err.issues ? issueFields(err.issues) : {}
      const field = FIELD_OF_CODE[err.code]
      if (field && !found[field]) found[field] = err.message
      setErrors(found)
      // The same requestId goes with the next attempt: a save whose reply was lost is not made twice.
      setNotice({ kind: 'error', text: err.message })
    } finally {
      setBusy('')
    }
  }

  const putOnSale = async () => {
    if (!goods) return
    setNotice(null)
    setBusy('sale')
    try {
      const { goods: saved } = await goodsApi.setGoodsStatus({ goodsId: goods.id, status: 'on_sale' })
      setGoods(saved)
      setNotice({ kind: 'success', text: `「${saved.name}」已上架，本县青年现在可以兑换。` })
    } catch (e) {
      setNotice({ kind: 'error', text: toApiError(e, 'points.setGoodsStatus').message })
    } finally {
      setBusy('')
    }
  }

  if (params.id && !goods) return <LoadState state={page} errorId='goods-edit-load-error' retryId='goods-edit-retry' />

  const working = busy !== '' || uploading
  const blocker = goods ? onSaleBlocker(goods) : null
  return (
    <>
      {goods ? (
        <Notice kind='info' id='goods-edit-state'>
          {`${statusLabel(goods.status)} · 总量 ${goods.supplied} 件，已兑 ${goods.taken} 件，剩余 ${goods.left} 件。库存请在物资列表里用「补货」调整。`}
        </Notice>
      ) : null}

      <Section title='基本信息'>
        <Field name='goods-org' label='所属团组织' required error={errors.orgId} hint={isNew ? '物资面向这个组织所在县的青年兑换。' : '所属团组织不能修改。'}>
          {isNew ? (
            <OrgPicker name='goods-org' value={draft.org} roots={roots} onChange={(o) => set('org', { id: o.id, name: o.name })} title='选择所属团组织' />
          ) : (
            <Text className='tq-goods-edit__fixed'>{draft.org?.name}</Text>
          )}
        </Field>
        <Field name='goods-donor' label='爱心企业' required error={errors.donorId} hint='没有找到？请先在「爱心企业」里登记。'>
          <SingleChoice name='goods-donor' choices={donorChoices} value={draft.donorId} onChange={(v) => set('donorId', v)} />
          <ListFooter list={donors} id='goods-donors-more' emptyText='还没有登记爱心企业' />
        </Field>
        <Field name='goods-name' label='物资名称' required error={errors.name}>
          <Input id='goods-name-input' className='tq-input' value={draft.name} placeholder='如：五常大米 5kg' maxLength={30} onChange={(v) => set('name', v)} />
        </Field>
        <Field name='goods-category' label='类别' required error={errors.category}>
          <SingleChoice name='goods-category' choices={CATEGORIES} value={draft.category} onChange={(v) => set('category', v)} />
        </Field>
        <PicturesField
          name='goods-pictures'
          label='物资图片'
          required
          userId={me?.profile?.userId ?? null}
          value={draft.pictures}
          max={MAX_PICTURES}
          error={errors.images}
          hint={picturesNote(draft.pictures.map((p) => p.check ?? 'pass')) ?? `最多${MAX_PICTURES}张，第一张作为封面。图片通过内容安全检查后青年才能看到。`}
          disabled={working}
          onChange={(p) => set('pictures', p)}
          onUploading={setUploading}
        />
        <Field name='goods-description' label='物资介绍' required error={errors.description} hint='写清规格、产地或使用方法，以及领取时要带什么。'>
          <TextArea id='goods-description-input' className='tq-goods-edit__textarea' value={draft.description} placeholder='请填写物资介绍' maxLength={1000} showCount onChange={(v) => set('description', v)} />
        </Field>
      </Section>

      <Section title='兑换规则'>
        <Field name='goods-price' label='兑换所需益币（每件）' required error={errors.price}>
          <Input id='goods-price-input' className='tq-input' type='number' value={draft.price} placeholder='如：10' maxLength={6} onChange={(v) => set('price', v)} />
        </Field>
        <Field name='goods-value' label='每件价值（元）' required error={errors.unitValue} hint='用于爱心企业榜统计捐赠价值，青年兑换时不付钱。'>
          <Input id='goods-value-input' className='tq-input' type='digit' value={draft.unitValue} placeholder='如：45.5' maxLength={10} onChange={(v) => set('unitValue', v)} />
        </Field>
        <Field name='goods-limit' label='每人限兑总数' error={errors.limitTotal} hint='不填为不限。'>
          <Input id='goods-limit-input' className='tq-input' type='number' value={draft.limitTotal} placeholder='不限' maxLength={6} onChange={(v) => set('limitTotal', v)} />
        </Field>
        <Field name='goods-period' label='按周期限兑' error={errors.limitPeriod ?? errors.form}>
          <SingleChoice<LimitPeriod | 'none'> name='goods-period' choices={PERIODS} value={draft.limitPeriod} onChange={(v) => set('limitPeriod', v)} />
          {draft.limitPeriod !== 'none' ? (
            <Input id='goods-period-count-input' className='tq-input' type='number' value={draft.limitPeriodCount} placeholder={`${LIMIT_PERIOD_LABEL[draft.limitPeriod]}最多兑换几件`} maxLength={4} onChange={(v) => set('limitPeriodCount', v)} />
          ) : null}
        </Field>
        {isNew ? (
          <Field name='goods-stock' label='初始库存（件）' required error={errors.initialStock} hint='以后补货或减少库存，在物资列表里操作。'>
            <Input id='goods-stock-input' className='tq-input' type='number' value={draft.initialStock} placeholder='如：100' maxLength={6} onChange={(v) => set('initialStock', v)} />
          </Field>
        ) : null}
      </Section>

      <Section title='领取'>
        <Field name='goods-venues' label='兑换点' required error={errors.venueIds} hint='青年到这些兑换点凭兑换码领取；最多20个。'>
          <MultiChoice name='goods-venues' choices={venueChoices} value={draft.venueIds} onChange={(v) => set('venueIds', v)} />
          <ListFooter list={venues} id='goods-venues-more' emptyText='还没有开放的兑换点，请先在「兑换点管理」里新建' />
        </Field>
        <Field name='goods-pickup-days' label='领取期限（天）' required error={errors.pickupDays} hint='兑换后这么多天内（到最后一天结束）没领取，订单作废并退回益币。'>
          <Input id='goods-pickup-days-input' className='tq-input' type='number' value={draft.pickupDays} maxLength={2} onChange={(v) => set('pickupDays', v)} />
        </Field>
        <Field name='goods-from' label='开始兑换时间' error={errors.availableFrom} hint='不选为上架后即可兑换。'>
          <DateTimeField name='goods-from' value={draft.availableFrom} title='开始兑换' onChange={(ms) => set('availableFrom', ms)} />
          {draft.availableFrom !== null ? (
            <Button id='goods-from-clear' size='small' fill='outline' onClick={() => set('availableFrom', null)}>
              不限开始时间
            </Button>
          ) : null}
        </Field>
        <Field name='goods-until' label='结束兑换时间' error={errors.availableUntil ?? errors.form} hint='不选为一直可兑换，直到兑完或下架。'>
          <DateTimeField name='goods-until' value={draft.availableUntil} title='结束兑换' defaultTime='18:00' onChange={(ms) => set('availableUntil', ms)} />
          {draft.availableUntil !== null ? (
            <Button id='goods-until-clear' size='small' fill='outline' onClick={() => set('availableUntil', null)}>
              不限结束时间
            </Button>
          ) : null}
        </Field>
      </Section>

      <Notice kind={notice?.kind ?? 'error'} id='goods-edit-notice'>
        {notice?.text}
      </Notice>
      <View className='tq-actions'>
        <Button id='goods-save' className='tq-button' type='primary' size='large' block loading={busy === 'save'} disabled={working} onClick={() => void save()}>
          {isNew ? '保存为草稿' : '保存修改'}
        </Button>
        {goods && goods.goodsStatus !== 'on_sale' ? (
          <>
            {blocker ? <Text className='tq-muted' id='goods-edit-blocker'>{blocker}</Text> : null}
            <Button id='goods-put-on-sale' className='tq-button' type='primary' fill='outline' size='large' block loading={busy === 'sale'} disabled={working || !!blocker} onClick={() => void putOnSale()}>
              上架
            </Button>
          </>
        ) : null}
        <Button id='goods-back' className='tq-button' size='large' block disabled={working} onClick={() => go(ROUTES.cadreGoods)}>
          返回物资列表
        </Button>
      </View>
      {goods ? <Text className='tq-muted'>{`每件价值 ${yuanText(goods.unitValue)} 元 · 待领取订单 ${goods.liveOrders} 笔`}</Text> : null}
    </>
  )
}

export default function CadreGoodsEditPage() {
  return (
    <PageShell id='page-cadre-goods-edit' title='物资' subtitle='爱心企业捐赠的物资，青年用益币兑换后到兑换点领取'>
      <RequireRole roles={['cadre', 'admin']}>
        <Editor />
      </RequireRole>
    </PageShell>
  )
}
