import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { VenueViewT } from '../../../../../types/contract/venues'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { OrgPicker } from '../../../../components/org-picker'
import { RequireRole } from '../../../../components/require-role'
import { ToneTag } from '../../../../components/tone-tag'
import { ListFooter } from '../../../../components/load-more'
import { useConfirm } from '../../../../components/confirm'
import { useListPage } from '../../../../hooks/use-list-page'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { useScopeOrg } from '../../../../hooks/use-scope-org'
import { toApiError } from '../../../../services/api'
import { venuesApi } from '../../../../services/api/venues'
import { canOpenMap, openMap } from '../../../../utils/platform'
import { draftFromVenue, newVenueDraft, type VenueDraft } from './draft'
import { VenueEditor } from './venue-editor'
import './index.scss'

interface RowProps {
  v: VenueViewT
  busy: boolean
  onEdit: (v: VenueViewT) => void
  onToggle: (v: VenueViewT) => void
}

function VenueRow({ v, busy, onEdit, onToggle }: RowProps) {
  const open = v.status === 'open'
  return (
    <View className='tq-list-item tq-venues__row' id={`venue-${v.id}`}>
      <View className='tq-row'>
        <Text className='tq-list-item__title tq-grow'>{v.name}</Text>
        <ToneTag tone={open ? 'green' : 'grey'}>{open ? '开放' : '已停用'}</ToneTag>
      </View>
      <Text className='tq-list-item__meta'>{`${v.orgName} · ${v.address}`}</Text>
      <Text className='tq-list-item__meta'>{`开放时间：${v.hours}`}</Text>
      <View className='tq-row tq-venues__buttons'>
        <Button id={`venue-edit-${v.id}`} type='primary' fill='outline' disabled={busy} onClick={() => onEdit(v)}>
          修改
        </Button>
        <Button id={`venue-toggle-${v.id}`} type={open ? 'danger' : 'primary'} fill='outline' loading={busy} disabled={busy} onClick={() => onToggle(v)}>
          {open ? '停用' : '重新启用'}
        </Button>
        {canOpenMap() ? (
          <Button id={`venue-map-${v.id}`} fill='outline' onClick={() => openMap({ name: v.name, lat: v.lat, lng: v.lng })}>
            查看位置
          </Button>
        ) : null}
      </View>
    </View>
  )
}

function VenuesAdmin() {
  const { roots, org, setOrg } = useScopeOrg('cadre', 'admin')
  const { dialog, ask } = useConfirm()
  const [editing, setEditing] = useState<VenueDraft | null>(null)
  const [toggling, setToggling] = useState('')
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)
  const fetchPage = useCallback((cursor?: string) => venuesApi.listVenues({ orgId: org!.id, kind: 'pickup', cursor }), [org])
  const list = usePagedList(org ? fetchPage : null, 'points.listVenues')
  useListPage(list)

  const startNew = () => {
    setNotice(null)
    setEditing(newVenueDraft(org))
  }

  const startEdit = (v: VenueViewT) => {
    setNotice(null)
    setEditing(draftFromVenue(v))
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
  }

  const toggle = async (v: VenueViewT) => {
    const closing = v.status === 'open'
    if (closing) {
      const ok = await ask({
        title: '停用兑换点',
        content: `停用后「${v.name}」不再出现在领取地点和核销员的兑换点里，也不能再在这里授予核销员。已有的授权保留，重新启用即可恢复。确定停用吗？`,
        confirmText: '确定停用',
      })
      if (!ok) return
    }
    setNotice(null)
    setToggling(v.id)
    try {
      await venuesApi.setVenueStatus({ venueId: v.id, status: closing ? 'closed' : 'open' })
      setNotice({ kind: 'success', text: closing ? `「${v.name}」已停用。` : `「${v.name}」已重新启用。` })
      await list.reload()
    } catch (e) {
      setNotice({ kind: 'error', text: toApiError(e, 'points.setVenueStatus').message })
    } finally {
      setToggling('')
    }
  }

  return (
    <>
      {editing ? (
        <VenueEditor
          key={editing.venueId ?? editing.requestId}
          initial={editing}
          roots={roots}
          onCancel={() => setEditing(null)}
          onSaved={(v, created) => {
            setEditing(null)
            setNotice({ kind: 'success', text: created ? `已新建兑换点「${v.name}」。` : `「${v.name}」的修改已保存。` })
            void list.reload()
          }}
        />
      ) : (
        <Section>
          <Field name='venues-org' label='团组织' required hint='显示这个组织及下级组织的兑换点。'>
            <OrgPicker name='venues-org' value={org} roots={roots} onChange={setOrg} title='选择团组织' />
          </Field>
          <Button id='venue-new' className='tq-button' type='primary' size='large' block disabled={!org} onClick={startNew}>
            新建兑换点
          </Button>
        </Section>
      )}
      <Notice kind={notice?.kind ?? 'error'} id='venues-notice'>
        {notice?.text}
      </Notice>
      <Section title='兑换点' id='venue-list'>
        {list.items.map((v) => (
          <VenueRow key={v.id} v={v} busy={toggling === v.id} onEdit={startEdit} onToggle={(x) => void toggle(x)} />
        ))}
        <ListFooter list={list} id='venues-more' emptyText='这个组织还没有兑换点，点「新建兑换点」添加第一个吧' />
      </Section>
      {dialog}
    </>
  )
}

export default function CadreVenuesPage() {
  return (
    <PageShell id='page-cadre-venues' title='兑换点管理' subtitle='青年兑换的物资在兑换点领取，由核销员核对后交付'>
      <RequireRole roles={['cadre', 'admin']}>
        <VenuesAdmin />
      </RequireRole>
    </PageShell>
  )
}
