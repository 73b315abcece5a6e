import { useState } from 'react'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { SaveVenueInput, type VenueViewT } from '../../../../../types/contract/venues'
import { Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { OrgPicker } from '../../../../components/org-picker'
import { toApiError } from '../../../../services/api'
import { venuesApi } from '../../../../services/api/venues'
import { issueFields, type FieldErrors } from '../../../../utils/form'
import { canChooseLocation, choosePlace } from '../../../../utils/platform'
import type { OrgRef } from '../../../../utils/roles'
import { FIELD_OF_CODE, venuePayload, type VenueDraft } from './draft'

interface Props {
  initial: VenueDraft
  roots: OrgRef[]
  onSaved: (venue: VenueViewT, created: boolean) => void
  onCancel: () => void
}

/** Name, address, the point on the map (WeChat's chooser; typed coordinates in the browser) and opening hours. */
export function VenueEditor({ initial, roots, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState<VenueDraft>(initial)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState('')
  const [busy, setBusy] = useState(false)
  const isNew = !draft.venueId

  const set = <K extends keyof VenueDraft>(key: K, value: VenueDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    const keys = key === 'org' ? ['orgId'] : key === 'lat' || key === 'lng' ? ['lat', 'lng'] : [key as string]
    setErrors((e) => (keys.some((k) => e[k]) ? Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k))) : e))
  }

  const pick = async () => {
    const place = await choosePlace()
    if (!place) return
    setDraft((d) => ({
      ...d,
      name: d.name || place.name.slice(0, 30),
      address: d.address || place.address,
      lat: place.lat.toFixed(6),
      lng: place.lng.toFixed(6),
    }))
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'lat' && k !== 'lng')))
  }

  const save = async () => {
    setNotice('')
    const parsed = SaveVenueInput.safeParse(venuePayload(draft))
    if (!parsed.success) {
      const found = issueFields(parsed.error.issues)
      if ((found.lat || found.lng) && (!draft.lat.trim() || !draft.lng.trim())) {
        found.lat = canChooseLocation() ? '请点「地图取点」选择兑换点的位置' : '请填写兑换点的纬度和经度'
      }
      if (found.orgId && !draft.org) found.orgId = '请选择兑换点所属的团组织'
      setErrors(found)
      setNotice('有几项需要修改，请看红色提示。')
      return
    }
    setErrors({})
    setBusy(true)
    try {
      const { venue } = await venuesApi.saveVenue(parsed.data)
      onSaved(venue, isNew)
    } catch (e) {
      const err = toApiError(e, 'points.saveVenue')
      const found = err.issues ? issueFields(err.issues) : {}
      const field = FIELD_OF_CODE[err.code]
      if (field && !found[field]) found[field] = err.message
      setErrors(found)
      // The same requestId goes with the next attempt: a save whose reply was lost is not made twice.
      setNotice(err.message)
    } finally {
      setBusy(false)
    }
  }

  const point = errors.lat ?? errors.lng
  return (
    <Section title={isNew ? '新建兑换点' : '修改兑换点'} id='venue-editor'>
      <Field name='venue-org' label='所属团组织' required error={errors.orgId} hint={isNew ? '由这个组织及上级组织的团干部管理。' : '所属团组织不能修改。'}>
        {isNew ? (
          <OrgPicker name='venue-org' value={draft.org} roots={roots} onChange={(o) => set('org', { id: o.id, name: o.name })} title='选择所属团组织' />
        ) : (
          <Text id='venue-org-fixed' className='tq-venues__fixed'>
            {draft.org?.name}
          </Text>
        )}
      </Field>
      <Field name='venue-name' label='名称' required error={errors.name}>
        <Input id='venue-name-input' className='tq-input' value={draft.name} placeholder='如：润城镇便民服务中心' maxLength={30} onChange={(v) => set('name', v)} />
      </Field>
      <Field name='venue-address' label='地址' required error={errors.address} hint='青年按这个地址来领取，请写到门牌号或楼层。'>
        <Input id='venue-address-input' className='tq-input' value={draft.address} placeholder='如：润城村中街18号一楼' maxLength={80} onChange={(v) => set('address', v)} />
      </Field>
      <Field
        name='venue-point'
        label='地图位置'
        required
        error={point}
        hint={
          draft.lat && draft.lng
            ? `已选：纬度 ${draft.lat}，经度 ${draft.lng}（GCJ-02）`
            : canChooseLocation()
              ? '青年可以在地图上查看并导航到这里。'
              : '请填写腾讯地图上的坐标（GCJ-02），如纬度 35.486、经度 112.415。'
        }
      >
        {canChooseLocation() ? (
          <Button id='venue-point-choose' className='tq-button' type='primary' fill='outline' block onClick={() => void pick()}>
            {draft.lat && draft.lng ? '重新取点' : '地图取点'}
          </Button>
        ) : (
          <View className='tq-row tq-venues__coords'>
            <Input id='venue-lat-input' className='tq-input tq-grow' type='digit' value={draft.lat} placeholder='纬度' onChange={(v) => set('lat', v)} />
            <Input id='venue-lng-input' className='tq-input tq-grow' type='digit' value={draft.lng} placeholder='经度' onChange={(v) => set('lng', v)} />
          </View>
        )}
      </Field>
      <Field name='venue-hours' label='开放时间' required error={errors.hours} hint='按平时的说法写，如：周一至周五 9:00–17:00，节假日休息。'>
        <Input id='venue-hours-input' className='tq-input' value={draft.hours} placeholder='如：周一至周五 9:00–17:00' maxLength={60} onChange={(v) => set('hours', v)} />
      </Field>
      <Notice id='venue-editor-notice'>{notice}</Notice>
      <View className='tq-actions'>
        <Button id='venue-save' className='tq-button' type='primary' size='large' block loading={busy} disabled={busy} onClick={() => void save()}>
          {isNew ? '保存兑换点' : '保存修改'}
        </Button>
        <Button id='venue-cancel' className='tq-button' size='large' block disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </Section>
  )
}
