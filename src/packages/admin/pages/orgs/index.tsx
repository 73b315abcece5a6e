import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { ORG_KIND_LABEL, type OrgKind } from '../../../../../types/enums'
import { PageShell, Section } from '../../../../components/page-shell'
import { RequireRole } from '../../../../components/require-role'
import { Notice } from '../../../../components/notice'
import { useOrgTree, type OrgTree } from '../../../../hooks/use-org-tree'
import { useScopeOrg } from '../../../../hooks/use-scope-org'
import type { OrgRef } from '../../../../utils/roles'
import { cx } from '../../../../utils/cx'
import { OrgEditor, type Edit } from './org-editor'
import './index.scss'

interface NodeOrg extends OrgRef {
  kind?: OrgKind
}

interface NodeProps {
  org: NodeOrg
  level: number
  tree: OrgTree
  expanded: Record<string, boolean>
  toggle: (id: string) => void
  edit: (e: Edit) => void
}

function OrgNode({ org, level, tree, expanded, toggle, edit }: NodeProps) {
  const open = !!expanded[org.id]
  const loaded = tree.isLoaded(org.id)
  const more = tree.hasChildren(org.id)
  const kind = org.kind ?? tree.byId[org.id]?.kind

  useEffect(() => {
    if (open && !loaded) void tree.load(org.id)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, loaded, org.id])

  return (
    <View className='tq-org-node' style={{ marginLeft: `${Math.min(level, 4) * 14}px` }}>
      <View id={`org-${org.id}`} className='tq-org-node__row' onClick={() => toggle(org.id)}>
        <Text className={cx('tq-org-node__toggle', more === false && 'tq-org-node__toggle--leaf')}>{more === false ? '·' : open ? '▾' : '▸'}</Text>
        <View className='tq-grow'>
          <Text className='tq-org-node__name'>{org.name}</Text>
          {kind ? <Text className='tq-org-node__kind'>{ORG_KIND_LABEL[kind]}</Text> : null}
        </View>
      </View>
      {open ? (
        <View className='tq-org-node__actions'>
          {kind !== 'branch' ? (
            <Button type='primary' fill='outline' id={`org-${org.id}-create`} onClick={() => edit({ mode: 'create', org: { ...org, kind } })}>
              新建下级
            </Button>
          ) : null}
          <Button fill='outline' id={`org-${org.id}-rename`} onClick={() => edit({ mode: 'rename', org: { ...org, kind } })}>
            改名
          </Button>
          {level > 0 ? (
            <Button fill='outline' id={`org-${org.id}-move`} onClick={() => edit({ mode: 'move', org: { ...org, kind } })}>
              移动
            </Button>
          ) : null}
        </View>
      ) : null}
      {open && !loaded && tree.loading ? <Text className='tq-muted tq-org-node__hint'>正在加载…</Text> : null}
      {open && loaded && more === false ? <Text className='tq-muted tq-org-node__hint'>暂无下级组织</Text> : null}
      {open
        ? tree.childrenOf(org.id).map((child) => (
            <OrgNode key={child.id} org={child} level={level + 1} tree={tree} expanded={expanded} toggle={toggle} edit={edit} />
          ))
        : null}
    </View>
  )
}

function OrgAdmin() {
  const { roots } = useScopeOrg('admin')
  const tree = useOrgTree()
  const [expanded, setExpanded] = useState<Record<string, boolean>>({})
  const [editing, setEditing] = useState<Edit | null>(null)
  const [done, setDone] = useState('')

  // The admin's own orgs start open.
  useEffect(() => {
    setExpanded((prev) => {
      const next = { ...prev }
      for (const r of roots) if (next[r.id] === undefined) next[r.id] = true
      return next
    })
  }, [roots])

  const toggle = (id: string) => setExpanded((prev) => ({ ...prev, [id]: !prev[id] }))

  return (
    <>
      <Notice kind='success' id='org-done'>
        {done}
      </Notice>
      <Notice>{tree.error?.message}</Notice>
      <Section title='团组织' id='org-tree' extra={<Text className='tq-muted'>点组织名展开或收起</Text>}>
        {roots.map((r) => (
          <OrgNode key={r.id} org={tree.byId[r.id] ?? r} level={0} tree={tree} expanded={expanded} toggle={toggle} edit={setEditing} />
        ))}
      </Section>
      <OrgEditor
        edit={editing}
        roots={roots}
        onClose={() => setEditing(null)}
        onDone={(message, openId) => {
          setEditing(null)
          setDone(message)
          void Taro.showToast({ title: '已保存', icon: 'success' })
          tree.reset()
          if (openId) setExpanded((prev) => ({ ...prev, [openId]: true }))
        }}
      />
    </>
  )
}

export default function OrgsPage() {
  return (
    <PageShell id='page-admin-orgs' title='组织管理' subtitle='新建下级组织、改名或调整上级组织'>
      <RequireRole roles={['admin']}>
        <OrgAdmin />
      </RequireRole>
    </PageShell>
  )
}
