import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { Field } from '../../../../components/field'
import type { FieldErrors } from '../../../../utils/form'
import { todayInShanghai } from '../../../../utils/time'
import { fundingRow, type FundingRow } from '../station-edit/draft'

interface Props {
  rows: FundingRow[]
  errors: FieldErrors
  onChange: (rows: FundingRow[]) => void
}

/** 历年资金: one row per year (year, whole yuan, a short note); rows added and removed freely. */
export function FundingField({ rows, errors, onChange }: Props) {
  const edit = (key: string, p: Partial<FundingRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...p } : r)))
  const add = () => {
    // A new row starts at the year after the latest one (this year for the first).
    const years = rows.map((r) => Number(r.year)).filter((y) => Number.isInteger(y) && y > 0)
    const next = years.length ? Math.max(...years) + 1 : Number(todayInShanghai().slice(0, 4))
    onChange([...rows, fundingRow(String(next))])
  }
  return (
    <Field name='home-funding' label='历年资金' error={errors.funding} hint='品牌店每年拨付的建设、运营资金，整数元；同一年份只填一条。'>
      {rows.map((r, i) => {
        const err = (f: string) => errors[`funding.${i}.${f}`]
        return (
          <View key={r.key} id={`home-funding-${i}`} className='tq-station-edit__funding'>
            <View className='tq-row tq-station-edit__funding-line'>
              <Input id={`home-funding-${i}-year`} className='tq-input tq-grow' type='number' value={r.year} placeholder='年份' maxLength={4} onChange={(v) => edit(r.key, { year: v })} />
              <Input id={`home-funding-${i}-yuan`} className='tq-input tq-grow' type='number' value={r.yuan} placeholder='金额（元）' maxLength={8} onChange={(v) => edit(r.key, { yuan: v })} />
            </View>
            <Input id={`home-funding-${i}-note`} className='tq-input' value={r.note} placeholder='说明（选填），如：示范店建设' maxLength={60} onChange={(v) => edit(r.key, { note: v })} />
            {err('year') || err('yuan') || err('note') ? (
              <Text id={`home-funding-${i}-error`} className='tq-field__error'>
                {err('year') ?? err('yuan') ?? err('note')}
              </Text>
            ) : null}
            <Button id={`home-funding-${i}-remove`} type='danger' fill='outline' size='small' onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>
              删除这一年
            </Button>
          </View>
        )
      })}
      {rows.length < 20 ? (
        <Button id='home-funding-add' className='tq-button' type='primary' fill='outline' block onClick={add}>
          添加一年的资金
        </Button>
      ) : null}
    </Field>
  )
}
