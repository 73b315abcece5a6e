import { useCallback } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { OrgPicker } from '../../../../components/org-picker'
import { RequireRole } from '../../../../components/require-role'
import { ActivityCard } from '../../../../components/activity-card'
import { ListFooter } from '../../../../components/load-more'
import { useListPage } from '../../../../hooks/use-list-page'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { useScopeOrg } from '../../../../hooks/use-scope-org'
import { manageApi } from '../../../../services/api/manage'
import { ROUTES, go } from '../../../../utils/routes'
import './index.scss'

function ManageList() {
  const { roots, org, setOrg } = useScopeOrg('cadre', 'admin')
  const fetchPage = useCallback((cursor?: string) => manageApi.manageActivities({ orgId: org!.id, cursor }), [org])
  const list = usePagedList(org ? fetchPage : null, 'activity.manageActivities')
  // Back from the editor: show the new or changed activity.
  useListPage(list, { reloadOnShow: true })

  return (
    <>
      <Section>
        <Field name='manage-org' label='组织' required hint='本组织及下级组织的全部活动，含草稿和已取消的。'>
          <OrgPicker name='manage-org' value={org} roots={roots} onChange={setOrg} title='选择团组织' />
        </Field>
        <Button
          id='cadre-activity-new'
          className='tq-button'
          type='primary'
          size='large'
          block
          disabled={!org}
          onClick={() => org && go(ROUTES.cadreActivityEdit, { orgId: org.id, orgName: org.name })}
        >
          新建活动
        </Button>
      </Section>
      <View id='manage-list' className='tq-manage__list'>
        {list.items.map((a) => (
          <ActivityCard
            key={a.id}
            id={`manage-${a.id}`}
            activity={a}
            showStatus
            onClick={() => (a.status === 'draft' ? go(ROUTES.cadreActivityEdit, { id: a.id }) : go(ROUTES.activity, { id: a.id }))}
          />
        ))}
      </View>
      <ListFooter list={list} id='manage-more' emptyText='这个组织还没有活动，点「新建活动」发布第一个吧' />
    </>
  )
}

export default function CadreActivitiesPage() {
  return (
    <PageShell id='page-cadre-activities' title='活动管理' subtitle='草稿点开可继续编辑；已发布的活动点开可进入签到看板、扫码签到和审核'>
      <RequireRole roles={['cadre', 'admin']}>
        <ManageList />
      </RequireRole>
    </PageShell>
  )
}
