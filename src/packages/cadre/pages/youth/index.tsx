import { useCallback, useState } from 'react'
import { SearchBar } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { GENDER_LABEL, NEED_LABEL, SECTOR_LABEL } from '../../../../../types/enums'
import type { ProfileSummaryT } from '../../../../../types/contract/user'
import { PageShell, Section } from '../../../../components/page-shell'
import { Field } from '../../../../components/field'
import { OrgPicker } from '../../../../components/org-picker'
import { RequireRole } from '../../../../components/require-role'
import { ToneTag } from '../../../../components/tone-tag'
import { ListFooter } from '../../../../components/load-more'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { useScopeOrg } from '../../../../hooks/use-scope-org'
import { adminApi } from '../../../../services/api/admin'
import { ROUTES, go } from '../../../../utils/routes'
import './index.scss'

function YouthItem({ y }: { y: ProfileSummaryT }) {
  return (
    <View className='tq-list-item tq-youth-item'>
      <View className='tq-row'>
        <Text className='tq-list-item__title'>{y.realName}</Text>
        <Text className='tq-muted'>{`${GENDER_LABEL[y.gender]} · ${y.age}岁`}</Text>
        {y.leagueMember ? (
          <ToneTag tone='red' solid>
            团员
          </ToneTag>
        ) : null}
        <Text id={`youth-points-${y.userId}`} className='tq-youth-item__link' onClick={() => go(ROUTES.cadrePoints, { userId: y.userId })}>
          益币
        </Text>
      </View>
      <Text className='tq-list-item__meta'>{`${y.orgName} · ${y.phoneMasked}`}</Text>
      <View className='tq-tags tq-youth-item__tags'>
        <ToneTag tone='blue'>{SECTOR_LABEL[y.sector]}</ToneTag>
        {y.needs.map((n) => (
          <ToneTag key={n} tone='orange'>
            {NEED_LABEL[n]}
          </ToneTag>
        ))}
      </View>
      {y.skills.length ? <Text className='tq-list-item__meta'>{`特长：${y.skills.join('、')}`}</Text> : null}
    </View>
  )
}

function YouthList() {
  const { roots, org, setOrg } = useScopeOrg('cadre', 'admin')
  const [draft, setDraft] = useState('')
  const [q, setQ] = useState('')
  const fetchPage = useCallback(
    (cursor?: string) => adminApi.listProfiles({ orgId: org!.id, q: q || undefined, cursor }),
    [org, q],
  )
  const list = usePagedList(org ? fetchPage : null, 'user.listProfiles')

  return (
    <>
      <Section>
        <Field name='youth-org' label='查看范围' required>
          <OrgPicker name='youth-org' value={org} roots={roots} onChange={setOrg} title='选择团组织' />
        </Field>
        {/* NutUI's SearchBar does not pass `id` on. */}
        <View id='youth-search'>
          <SearchBar
            className='tq-youth__search'
            value={draft}
            placeholder='按姓名搜索'
            onChange={(v) => setDraft(v)}
            onSearch={(v) => setQ(v.trim())}
            onClear={() => {
              setDraft('')
              setQ('')
            }}
          />
        </View>
      </Section>
      <Section title={q ? `搜索“${q}”` : '青年名单'} id='youth-list'>
        {list.items.map((y) => (
          <YouthItem key={y.userId} y={y} />
        ))}
        <ListFooter list={list} id='youth-more' emptyText={q ? '没有找到这个名字的青年' : '这个组织还没有青年登记'} />
      </Section>
    </>
  )
}

export default function YouthPage() {
  return (
    <PageShell id='page-cadre-youth' title='青年档案' subtitle='本组织及下级组织登记的青年，手机号已打码'>
      <RequireRole roles={['cadre', 'admin']}>
        <YouthList />
      </RequireRole>
    </PageShell>
  )
}
