import { useEffect, useState } from 'react'
import { Button, Input, Popup } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { ORG_KINDS, ORG_KIND_LABEL, type OrgKind } from '../../../../../types/enums'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { OrgPicker } from '../../../../components/org-picker'
import { SingleChoice } from '../../../../components/choice-group'
import { toApiError } from '../../../../services/api'
import { adminApi } from '../../../../services/api/admin'
import type { OrgRef } from '../../../../utils/roles'

export interface Edit {
  mode: 'create' | 'rename' | 'move'
  org: OrgRef & { kind?: OrgKind }
}

const TITLES: Record<Edit['mode'], string> = { create: '新建下级组织', rename: '修改组织名称', move: '调整上级组织' }

/** Kinds that may sit under a parent of the given kind (county → township → 团工委 → 团支部). */
function childKinds(parent?: OrgKind): OrgKind[] {
  const from = parent ? ORG_KINDS.indexOf(parent) + 1 : 1
  return ORG_KINDS.slice(from)
}

interface Props {
  edit: Edit | null
  roots: OrgRef[]
  onClose: () => void
  /** `openId`: a node to show expanded afterwards (the parent that got a child). */
  onDone: (message: string, openId?: string) => void
}

export function OrgEditor({ edit, roots, onClose, onDone }: Props) {
  const [name, setName] = useState('')
  const [kind, setKind] = useState<OrgKind | ''>('')
  const [parent, setParent] = useState<OrgRef | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    setError('')
    setParent(null)
    setName(edit?.mode === 'rename' ? edit.org.name : '')
    setKind(edit?.mode === 'create' ? (childKinds(edit.org.kind)[0] ?? '') : '')
  }, [edit])

  const submit = async () => {
    if (!edit) return
    if (edit.mode === 'create' && !kind) return setError('请选择组织类型')
    if (edit.mode === 'move' && !parent) return setError('请选择新的上级组织')
    setError('')
    setBusy(true)
    try {
      if (edit.mode === 'create' && kind) {
        const { org } = await adminApi.createOrg({ parentId: edit.org.id, name, kind })
        onDone(`已在「${edit.org.name}」下新建「${org.name}」。`, edit.org.id)
      } else if (edit.mode === 'rename') {
        const { org } = await adminApi.renameOrg({ orgId: edit.org.id, name })
        onDone(`已改名为「${org.name}」。`)
      } else if (parent) {
        const { moved } = await adminApi.moveOrg({ orgId: edit.org.id, newParentId: parent.id })
        onDone(`已把「${edit.org.name}」移到「${parent.name}」之下（共 ${moved} 个组织）。`, parent.id)
      }
    } catch (e) {
      setError(toApiError(e, `user.${edit.mode}Org`).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Popup visible={!!edit} position='bottom' round closeable title={edit ? TITLES[edit.mode] : ''} onClose={onClose}>
      {edit ? (
        <View className='tq-org-editor' id='org-editor'>
          <Text className='tq-muted'>{edit.mode === 'create' ? `上级组织：${edit.org.name}` : `组织：${edit.org.name}`}</Text>
          {edit.mode !== 'move' ? (
            <Field name='org-name' label='组织名称' required>
              <Input id='org-name-input' className='tq-input' value={name} maxLength={40} placeholder='如：城关镇团委' onChange={setName} />
            </Field>
          ) : null}
          {edit.mode === 'create' ? (
            <Field name='org-kind' label='组织类型' required>
              <SingleChoice
                name='org-kind'
                choices={childKinds(edit.org.kind).map((k) => ({ value: k, label: ORG_KIND_LABEL[k] }))}
                value={kind}
                onChange={setKind}
              />
            </Field>
          ) : null}
          {edit.mode === 'move' ? (
            <Field name='org-parent' label='新的上级组织' required hint='不能移到它自己或它的下级组织之下。'>
              <OrgPicker name='org-parent' value={parent} roots={roots} disabledIds={[edit.org.id]} onChange={setParent} title='选择新的上级组织' />
            </Field>
          ) : null}
          <Notice id='org-error'>{error}</Notice>
          <Button id='org-submit' className='tq-button' type='primary' size='large' block loading={busy} onClick={() => void submit()}>
            确定
          </Button>
        </View>
      ) : null}
    </Popup>
  )
}
