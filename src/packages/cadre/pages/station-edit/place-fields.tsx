import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { Field } from '../../../../components/field'
import { OrgPicker } from '../../../../components/org-picker'
import type { FieldErrors } from '../../../../utils/form'
import { canChooseLocation, choosePlace } from '../../../../utils/platform'
import type { OrgRef } from '../../../../utils/roles'
import type { PlaceDraft } from './draft'

interface Props<D extends PlaceDraft> {
  /** Prefix of ids: `<name>-name-input`, `field-<name>-point` … */
  name: string
  /** 联络站 or 青年之家, in hints and messages. */
  noun: string
  draft: D
  errors: FieldErrors
  roots: OrgRef[]
  set: <K extends keyof D>(key: K, value: D[K]) => void
  /** A point chosen on the map: fills the name and address when they are still empty. */
  onPlace: (place: Pick<PlaceDraft, 'name' | 'address' | 'lat' | 'lng'>) => void
}

/** What a station and a youth home both have: org, name, address, the point on the map, opening hours, introduction. */
export function PlaceFields<D extends PlaceDraft>({ name, noun, draft, errors, roots, set, onPlace }: Props<D>) {
  const isNew = !draft.venueId
  const pick = async () => {
    const place = await choosePlace()
    if (!place) return
    onPlace({
      name: draft.name || place.name.slice(0, 30),
      address: draft.address || place.address,
      lat: place.lat.toFixed(6),
      lng: place.lng.toFixed(6),
    })
  }
  const point = errors.lat ?? errors.lng
  return (
    <>
      <Field name={`${name}-org`} label='所属团组织' required error={errors.orgId} hint={isNew ? `由这个组织及上级组织的团干部管理。` : '所属团组织不能修改。'}>
        {isNew ? (
          <OrgPicker name={`${name}-org`} value={draft.org} roots={roots} onChange={(o) => set('org', { id: o.id, name: o.name })} title='选择所属团组织' />
        ) : (
          <Text id={`${name}-org-fixed`} className='tq-station-edit__fixed'>
            {draft.org?.name}
          </Text>
        )}
      </Field>
      <Field name={`${name}-name`} label='名称' required error={errors.name}>
        <Input id={`${name}-name-input`} className='tq-input' value={draft.name} placeholder={`如：榆次区${noun === '联络站' ? '团代表联络站' : '青年之家'}`} maxLength={30} onChange={(v) => set('name', v)} />
      </Field>
      <Field name={`${name}-address`} label='地址' required error={errors.address} hint='青年按这个地址找来，请写到门牌号或楼层。'>
        <Input id={`${name}-address-input`} className='tq-input' value={draft.address} placeholder='如：锦纶路18号二楼' maxLength={80} onChange={(v) => set('address', v)} />
      </Field>
      <Field
        name={`${name}-point`}
        label='地图位置'
        required
        error={point}
        hint={
          draft.lat && draft.lng
            ? `已选：纬度 ${draft.lat}，经度 ${draft.lng}（GCJ-02）`
            : canChooseLocation()
              ? `青年在「附近的联络站」地图上看到这个${noun}。`
              : '请填写腾讯地图上的坐标（GCJ-02），如纬度 37.697、经度 112.708。'
        }
      >
        {canChooseLocation() ? (
          <Button id={`${name}-point-choose`} className='tq-button' type='primary' fill='outline' block onClick={() => void pick()}>
            {draft.lat && draft.lng ? '重新取点' : '地图取点'}
          </Button>
        ) : (
          <View className='tq-row tq-station-edit__coords'>
            <Input id={`${name}-lat-input`} className='tq-input tq-grow' type='digit' value={draft.lat} placeholder='纬度' onChange={(v) => set('lat', v)} />
            <Input id={`${name}-lng-input`} className='tq-input tq-grow' type='digit' value={draft.lng} placeholder='经度' onChange={(v) => set('lng', v)} />
          </View>
        )}
      </Field>
      <Field name={`${name}-hours`} label='开放时间' required error={errors.hours} hint='按平时的说法写，如：周一至周五 9:00–17:00，周六上午接待。'>
        <Input id={`${name}-hours-input`} className='tq-input' value={draft.hours} placeholder='如：周一至周五 9:00–17:00' maxLength={60} onChange={(v) => set('hours', v)} />
      </Field>
      <Field name={`${name}-description`} label='简介' error={errors.description}>
        <TextArea
          id={`${name}-description-input`}
          className='tq-station-edit__textarea'
          value={draft.description}
          placeholder={`这个${noun}做什么、什么时候有人接待`}
          maxLength={500}
          showCount
          onChange={(v) => set('description', v)}
        />
      </Field>
    </>
  )
}

/** A point's message when nothing was chosen: say how to choose it on this platform. */
export function pointMessage(lat: string, lng: string, noun: string): string | null {
  if (lat.trim() && lng.trim()) return null
  return canChooseLocation() ? `请点「地图取点」选择${noun}的位置` : `请填写${noun}的纬度和经度`
}
