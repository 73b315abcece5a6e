import { Checkbox, Input } from '@nutui/nutui-react-taro'
import { Text } from '@tarojs/components'
import { GUARDIAN_RELATION_LABEL } from '../../../types/enums'
import { Field } from '../../components/field'
import { Notice } from '../../components/notice'
import { Section } from '../../components/page-shell'
import { SingleChoice, choicesOf } from '../../components/choice-group'
import type { FieldErrors, GuardianDraft } from './draft'

interface Props {
  value: GuardianDraft
  onChange: (value: GuardianDraft) => void
  errors: FieldErrors
  /** In edit mode: the guardian already on file. */
  onFile?: string | null
}

const RELATIONS = choicesOf(GUARDIAN_RELATION_LABEL)

/** Under 14: a guardian reads the privacy guide and agrees before anything beyond age is stored. */
export function GuardianSection({ value, onChange, errors, onFile }: Props) {
  const set = (patch: Partial<GuardianDraft>) => onChange({ ...value, ...patch })
  return (
    <Section title='监护人同意' id='guardian-section' className='tq-guardian'>
      <Text className='tq-muted'>
        {onFile
          ? `已登记的监护人：${onFile}。如需更换，请填写新的监护人信息。`
          : '未满14周岁，需要父母或其他监护人阅读隐私保护指引并同意后才能登记。'}
      </Text>
      <Notice>{errors.guardian}</Notice>
      <Field name='guardianName' label='监护人姓名' required error={errors.guardianName}>
        <Input
          id='guardianName-input'
          className='tq-input'
          value={value.name}
          placeholder='请输入监护人姓名'
          maxLength={20}
          onChange={(name) => set({ name })}
        />
      </Field>
      <Field name='guardianRelation' label='与本人关系' required error={errors.guardianRelation}>
        <SingleChoice name='guardianRelation' choices={RELATIONS} value={value.relation} onChange={(relation) => set({ relation })} />
      </Field>
      <Field name='guardianPhone' label='监护人手机号' required error={errors.guardianPhone}>
        <Input
          id='guardianPhone-input'
          className='tq-input'
          type='number'
          value={value.phone}
          placeholder='请输入11位手机号'
          maxLength={11}
          onChange={(phone) => set({ phone })}
        />
      </Field>
      <Field name='guardianAgreed' label='监护人意见' required error={errors.guardianAgreed}>
        <Checkbox
          id='guardianAgreed-check'
          className='tq-guardian__agree'
          checked={value.agreed}
          onChange={(agreed) => set({ agreed })}
          label='我是其监护人，已阅读隐私保护指引，同意登记'
        />
      </Field>
    </Section>
  )
}
