import { useEffect, useState } from 'react'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { ORG_KIND_LABEL, type OrgKind } from '../../../types/enums'
import { TOP, useOrgTree } from '../../hooks/use-org-tree'
import type { OrgRef } from '../../utils/roles'
import { cx } from '../../utils/cx'
import { Notice } from '../notice'
import './index.scss'

export interface PickedOrg extends OrgRef {
  kind?: OrgKind
}

interface Props {
  /** Prefix of element ids: `<name>-open`, `<name>-option-<orgId>`, `<name>-choose`. */
  name: string
  value: OrgRef | null
  onChange: (org: PickedOrg) => void
  /** Limit the choice to these subtrees (a cadre's or admin's scope); default: all counties. */
  roots?: OrgRef[]
  /** Orgs that may not be chosen (e.g. the org being moved and its own subtree are refused by the server). */
  disabledIds?: string[]
  title?: string
  placeholder?: string
}

/**
 * Cascading org choice: county → township → 团工委/团支部. A tap on an org with no children chooses
 * it; a tap on one with children opens it, where 「选择这一级」 chooses the org itself.
 */
export function OrgPicker({ name, value, onChange, roots, disabledIds = [], title = '选择团组织', placeholder = '请选择' }: Props) {
  const tree = useOrgTree()
  const [open, setOpen] = useState(false)
  const [path, setPath] = useState<PickedOrg[]>([])
  const current = path[path.length - 1]
  const scoped = !!roots

  useEffect(() => {
    if (!open) return
    if (current) {
      if (!tree.isLoaded(current.id)) void tree.load(current.id)
    } else if (!scoped && !tree.isLoaded(TOP)) {
      void tree.load(TOP)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, current?.id, scoped])

  const level: PickedOrg[] = current
    ? tree.childrenOf(current.id)
    : scoped
      ? roots!.map((r) => ({ ...r, kind: tree.byId[r.id]?.kind }))
      : tree.childrenOf(TOP)

  const choose = (org: PickedOrg) => {
    onChange(org)
    setOpen(false)
  }

  const tap = (org: PickedOrg) => {
    if (disabledIds.includes(org.id)) return
    const known = tree.hasChildren(org.id)
    if (known === false) choose(org)
    else setPath([...path, org])
  }

  const levelLoading = tree.loading && (current ? !tree.isLoaded(current.id) : !scoped && !tree.isLoaded(TOP))

  return (
    <View className='tq-org-picker'>
      <View id={`${name}-open`} className={cx('tq-select-box tq-org-picker__box', !value && 'tq-select-box--empty')} onClick={() => setOpen(true)}>
        <Text className='tq-grow'>{value ? value.name : placeholder}</Text>
        <Text className='tq-org-picker__arrow'>›</Text>
      </View>
      <Popup
        visible={open}
        position='bottom'
        round
        closeable
        title={title}
        className='tq-org-picker__popup'
        onClose={() => setOpen(false)}
      >
        <View className='tq-org-picker__crumbs'>
          <Text className={cx('tq-org-picker__crumb', !current && 'tq-org-picker__crumb--on')} onClick={() => setPath([])}>
            全部
          </Text>
          {path.map((org, i) => (
            <Text
              key={org.id}
              className={cx('tq-org-picker__crumb', i === path.length - 1 && 'tq-org-picker__crumb--on')}
              onClick={() => setPath(path.slice(0, i + 1))}
            >
              {' › '}
              {org.name}
            </Text>
          ))}
        </View>
        {current && !disabledIds.includes(current.id) ? (
          <Button id={`${name}-choose`} type='primary' block className='tq-org-picker__choose' onClick={() => choose(current)}>
            {`选择「${current.name}」`}
          </Button>
        ) : null}
        <ScrollView scrollY className='tq-org-picker__list'>
          {levelLoading ? <Text className='tq-org-picker__hint'>正在加载…</Text> : null}
          <Notice>{tree.error?.message}</Notice>
          {!levelLoading && !tree.error && level.length === 0 ? (
            <Text className='tq-org-picker__hint'>{current ? '这个组织下没有下级组织，可直接选择上面的按钮。' : '暂时没有可选的团组织。'}</Text>
          ) : null}
          {level.map((org) => {
            const more = tree.hasChildren(org.id) !== false
            const disabled = disabledIds.includes(org.id)
            return (
              <View
                key={org.id}
                id={`${name}-option-${org.id}`}
                className={cx('tq-org-picker__item', disabled && 'tq-org-picker__item--disabled')}
                onClick={() => tap(org)}
              >
                <View className='tq-grow'>
                  <Text className='tq-org-picker__name'>{org.name}</Text>
                  {org.kind ? <Text className='tq-org-picker__kind'>{ORG_KIND_LABEL[org.kind]}</Text> : null}
                </View>
                <Text className='tq-org-picker__arrow'>{more ? '›' : '选择'}</Text>
              </View>
            )
          })}
        </ScrollView>
      </Popup>
    </View>
  )
}
