import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { GroupViewT } from '../../../../../types/contract/community'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { Notice } from '../../../../components/notice'
import { OrgPicker } from '../../../../components/org-picker'
import { RequireRole } from '../../../../components/require-role'
import { ListFooter } from '../../../../components/load-more'
import { useListPage } from '../../../../hooks/use-list-page'
import { usePageLoad, useShownAgain } from '../../../../hooks/use-page-load'
import { usePageParams } from '../../../../hooks/use-page-params'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { useScopeOrg } from '../../../../hooks/use-scope-org'
import { communityApi } from '../../../../services/api/community'
import type { OrgRef } from '../../../../utils/roles'
import { GroupNode, type NodeActions } from './group-node'
import { goCommunity } from './links'
import { ListRetry } from '../../../../components/list-retry'
import { MoveSheet } from './move-sheet'
import './index.scss'

function Coverage({ org, version }: { org: OrgRef; version: number }) {
  const load = useCallback(() => communityApi.orgCoverage({ orgId: org.id }), [org.id, version]) // eslint-disable-line react-hooks/exhaustive-deps
  const coverage = usePageLoad(load, 'community.orgCoverage')
  if (coverage.error && !coverage.loading) {
    return (
      <View className='tq-row'>
        <Notice className='tq-grow' id='tower-coverage-error'>
          {coverage.error.message}
        </Notice>
        <Button id='tower-coverage-retry' size='small' onClick={() => void coverage.reload()}>
          重试
        </Button>
      </View>
    )
  }
  return (
    <View className='tq-tower__coverage' id='tower-coverage'>
      {coverage.data ? (
        <>
          <Text className='tq-tower__figure'>{`社群 ${coverage.data.groups} 个`}</Text>
          <Text className='tq-tower__dot'>·</Text>
          <Text className='tq-tower__figure'>{`覆盖青年 ${coverage.data.reach} 人`}</Text>
        </>
      ) : (
        <Text className='tq-muted'>正在统计覆盖人数…</Text>
      )}
      <Text className='tq-muted tq-tower__note'>一位青年加入多个社群只算一次；含下级组织的社群。</Text>
    </View>
  )
}

function Tower() {
  const params = usePageParams('orgId', 'orgName')
  const scope = useScopeOrg('cadre', 'admin')
  const [picked, setPicked] = useState<OrgRef | null>(null)
  const org = picked ?? (params.orgId ? { id: params.orgId, name: params.orgName || '所选组织' } : scope.org)
  const [expanded, setExpanded] = useState<Record<string, boolean>>({})
  const [moving, setMoving] = useState<GroupViewT | null>(null)
  const [done, setDone] = useState('')
  // Bumped after a move or a refresh: every open level and the coverage are asked again.
  const [version, setVersion] = useState(0)

  const fetchPage = useCallback((cursor?: string) => communityApi.listGroups({ orgId: org!.id, cursor }), [org?.id]) // eslint-disable-line react-hooks/exhaustive-deps
  const list = usePagedList<GroupViewT>(org ? fetchPage : null, 'community.listGroups')
  const refresh = () => {
    setVersion((v) => v + 1)
    return list.reload()
  }
  useListPage(list, { alsoRefresh: async () => setVersion((v) => v + 1) })
  // Back from the editor or a group's page: what was made or changed there shows, members and reach too.
  useShownAgain(() => void refresh())

  useEffect(() => setExpanded({}), [org?.id])

  const actions: NodeActions = {
    manage: (g) => goCommunity('manage', { id: g.id }),
    edit: (g, parentName) => goCommunity('groupEdit', { id: g.id, parentName: parentName ?? undefined }),
    move: (g) => {
      setDone('')
      setMoving(g)
    },
    addChild: (g) => goCommunity('groupEdit', { orgId: g.orgId, orgName: g.orgName, parentId: g.id, parentName: g.name }),
  }

  return (
    <>
      <Section>
        <Field name='tower-org' label='团组织' required hint='显示这个组织在塔群中最上层的社群，点社群展开下级。'>
          <OrgPicker name='tower-org' value={org} roots={scope.roots} onChange={(o) => setPicked({ id: o.id, name: o.name })} title='选择团组织' />
        </Field>
        {org ? <Coverage key={org.id} org={org} version={version} /> : null}
        <Button
          id='tower-new'
          className='tq-button'
          type='primary'
          size='large'
          block
          disabled={!org}
          onClick={() => org && goCommunity('groupEdit', { orgId: org.id, orgName: org.name })}
        >
          新建社群
        </Button>
      </Section>
      <Notice kind='success' id='tower-done'>
        {done}
      </Notice>
      <Section title='塔群' id='tower-list' extra={<Text className='tq-muted'>点社群名展开或收起</Text>}>
        {org
          ? list.items.map((g) => (
              <GroupNode
                key={`${g.id}-${version}`}
                group={g}
                level={0}
                parentName={null}
                orgId={org.id}
                expanded={expanded}
                toggle={(id) => setExpanded((prev) => ({ ...prev, [id]: !prev[id] }))}
                actions={actions}
              />
            ))
          : null}
        <ListFooter list={list} id='tower-more' emptyText='这个组织还没有社群，点「新建社群」建立第一个吧' />
        <ListRetry list={list} id='tower-retry' />
      </Section>
      {org ? (
        <MoveSheet
          group={moving}
          org={org}
          onClose={() => setMoving(null)}
          onMoved={(message) => {
            setMoving(null)
            setDone(message)
            void Taro.showToast({ title: '已移动', icon: 'success' })
            void refresh()
          }}
        />
      ) : null}
    </>
  )
}

export default function TowerPage() {
  return (
    <PageShell id='page-community-tower' title='社群管理' subtitle='塔群：团组织的社群和它们的下级社群，覆盖多少青年'>
      <RequireRole roles={['cadre', 'admin']}>
        <Tower />
      </RequireRole>
    </PageShell>
  )
}
