import { useState } from 'react'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { RestockInput, type GoodsAdminCardT, type StockViewT } from '../../../../../types/contract/goods'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { SingleChoice } from '../../../../components/choice-group'
import { toApiError } from '../../../../services/api'
import { goodsApi } from '../../../../services/api/goods'
import { issueFields, numberOrUndefined, type FieldErrors } from '../../../../utils/form'
import { uuidV4 } from '../../../../utils/uuid'

const WAYS = [
  { value: 'add' as const, label: '补货（增加）' },
  { value: 'withdraw' as const, label: '减少库存' },
]

interface Props {
  goods: GoodsAdminCardT
  onDone: (stock: StockViewT) => void
  onCancel: () => void
}

/**
 * 补货 / 减少库存 for one goods item. The request key is made when the dialog opens and sent with every
 * attempt, so a restock retried after a lost reply moves the stock once.
 */
export function RestockDialog({ goods, onDone, onCancel }: Props) {
  const [requestId] = useState(uuidV4)
  const [way, setWay] = useState<'add' | 'withdraw'>('add')
  const [units, setUnits] = useState('')
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState('')
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    setNotice('')
    const n = numberOrUndefined(units)
    const parsed = RestockInput.safeParse({ goodsId: goods.id, requestId, delta: n === undefined ? undefined : way === 'add' ? n : -n, note })
    if (!parsed.success || (n !== undefined && n < 0)) {
      const found = parsed.success ? {} : issueFields(parsed.error.issues)
      if (found.delta || n === undefined || n < 0) found.delta = '请填写数量（正整数）'
      setErrors(found)
      return
    }
    setErrors({})
    setBusy(true)
    try {
      const { stock } = await goodsApi.restockGoods(parsed.data)
      onDone(stock)
    } catch (e) {
      const err = toApiError(e, 'points.restockGoods')
      setErrors(err.issues ? issueFields(err.issues) : err.code === 'GOODS.STOCK_BELOW_TAKEN' ? { delta: err.message } : {})
      setNotice(err.message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='tq-goods__restock' id={`restock-${goods.id}`}>
      <Text className='tq-list-item__meta'>{`现有：总量 ${goods.supplied} 件，已兑 ${goods.taken} 件，剩余 ${goods.left} 件。减少时不能少于已兑换的数量。`}</Text>
      <Field name='restock-way' label='调整方式' required>
        <SingleChoice name='restock-way' choices={WAYS} value={way} onChange={setWay} />
      </Field>
      <Field name='restock-units' label='数量（件）' required error={errors.delta}>
        <Input id='restock-units-input' className='tq-input' type='number' value={units} placeholder='如：50' maxLength={6} onChange={setUnits} />
      </Field>
      <Field name='restock-note' label='说明' required error={errors.note} hint='如：爱心企业第二批捐赠；盘点后减少破损的2袋。'>
        <Input id='restock-note-input' className='tq-input' value={note} placeholder='请填写调整说明' maxLength={100} onChange={setNote} />
      </Field>
      <Notice id='restock-notice'>{notice}</Notice>
      <View className='tq-row tq-goods__buttons'>
        <Button id='restock-submit' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
          确认调整
        </Button>
        <Button id='restock-cancel' fill='outline' disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
