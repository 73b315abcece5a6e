import { useCallback, useState } from 'react'
import { Button, SearchBar } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { GROUP_KIND_LABELS, MEMBER_ROLE_LABELS, type GroupKind, type MembershipViewT } from '../../../types/contract/community'
import { PageShell, Section } from '../../components/page-shell'
import { Notice } from '../../components/notice'
import { ListFooter } from '../../components/load-more'
import { EmptyState } from '../../components/empty-state'
import { GroupCard } from '../../components/group-card'
import { ListRetry } from '../../components/list-retry'
import { ToneTag } from '../../components/tone-tag'
import { SingleChoice, choicesOf, type Choice } from '../../components/choice-group'
import { useListPage } from '../../hooks/use-list-page'
import { usePageLoad, useShownAgain } from '../../hooks/use-page-load'
import { usePagedList } from '../../hooks/use-paged-list'
import { useSession } from '../../hooks/use-session'
import { communityApi } from '../../services/api/community'
import { ROUTES, go, relaunch } from '../../utils/routes'
import { goGroupPage } from './links'
import './index.scss'

type Kind = GroupKind | 'all'

const KINDS: Choice<Kind>[] = [{ value: 'all', label: '全部' }, ...choicesOf(GROUP_KIND_LABELS)]

const fetchRecommended = () => communityApi.recommendGroups({})
const fetchMine = (cursor?: string) => communityApi.myGroups({ cursor })

/** What the youth's own card says beside the kind: 审核中 for a request, the role for an admin. */
function MembershipBadge({ m }: { m: MembershipViewT }) {
  if (m.status === 'pending') return <ToneTag tone='orange'>审核中</ToneTag>
  if (m.role !== 'member') return <ToneTag tone='red'>{MEMBER_ROLE_LABELS[m.role]}</ToneTag>
  return <ToneTag tone='green'>已加入</ToneTag>
}

function searchEmptyText(q: string, kind: Kind): string {
  const what = kind === 'all' ? '社群' : GROUP_KIND_LABELS[kind]
  return q ? `没有找到与“${q}”有关的${what}，换个词试试` : `本县区暂时没有${what}`
}

/**
 * The 社群 tab: the youth's groups (with requests still waiting), groups suggested from their profile
 * each saying why, and search by name or tag with the kinds as chips. Everything past this page is in
 * the community subpackage, fetched ahead (app.config.ts preloadRule).
 */
export default function GroupsPage() {
  const { me, loading: sessionLoading } = useSession()
  const registered = !!me?.profile
  const [draft, setDraft] = useState('')
  const [q, setQ] = useState('')
  const [kind, setKind] = useState<Kind>('all')
  const searching = q !== '' || kind !== 'all'

  const fetchSearch = useCallback((cursor?: string) => communityApi.searchGroups({ q, kind: kind === 'all' ? undefined : kind, cursor }), [q, kind])
  const results = usePagedList(registered && searching ? fetchSearch : null, 'community.searchGroups')
  const mine = usePagedList(registered && !searching ? fetchMine : null, 'community.myGroups')
  const recommended = usePageLoad(registered && !searching ? fetchRecommended : null, 'community.recommendGroups')

  useListPage(searching ? results : mine, { alsoRefresh: searching ? undefined : recommended.reload })
  // Back from a group's page: a join, a request or a leave changes both lists.
  useShownAgain(() => {
    if (!registered) return
    if (searching) void results.reload()
    else void Promise.allSettled([mine.reload(), recommended.reload()])
  })

  if (!registered) {
    return (
      <PageShell id='page-groups' title='社群'>
        {sessionLoading && !me ? (
          <Notice kind='info'>正在加载…</Notice>
        ) : (
          <>
            <Notice kind='info' id='groups-register-note'>
              登记青年档案后，可以加入身边的青年社群，收到社群公告，参加社群活动。
            </Notice>
            <Button id='groups-register' className='tq-button' type='primary' size='large' block onClick={() => relaunch(ROUTES.index)}>
              去登记青年档案
            </Button>
          </>
        )}
      </PageShell>
    )
  }

  const open = (id: string) => goGroupPage('group', { id })
  const suggestions = recommended.data?.items ?? []

  return (
    <PageShell id='page-groups' title='社群' subtitle='加入身边的青年社群，看公告、参加社群活动'>
      <View className='tq-groups__filters'>
        {/* NutUI's SearchBar does not pass `id` on. */}
        <View id='groups-search' className='tq-groups__search'>
          <SearchBar
            value={draft}
            placeholder='搜索社群名称或标签'
            maxLength={20}
            onChange={(v) => setDraft(v)}
            onSearch={(v) => setQ(v.trim())}
            onClear={() => {
              setDraft('')
              setQ('')
            }}
          />
        </View>
        <View className='tq-groups__kinds' id='groups-kinds'>
          <SingleChoice name='groups-kind' choices={KINDS} value={kind} onChange={setKind} />
        </View>
      </View>

      {searching ? (
        <View id='groups-results'>
          {results.items.map((g) => (
            <GroupCard key={g.id} group={g} onClick={() => open(g.id)} />
          ))}
          <ListFooter list={results} id='groups-results-more' emptyText={searchEmptyText(q, kind)} />
          <ListRetry list={results} id='groups-results-retry' />
        </View>
      ) : (
        <>
          <Section title='我的社群' id='groups-mine'>
            {mine.items.map(({ group, membership }) => (
              <GroupCard key={group.id} id={`mine-${group.id}`} group={group} badges={<MembershipBadge m={membership} />} onClick={() => open(group.id)} />
            ))}
            <ListFooter list={mine} id='groups-mine-more' emptyText='还没有加入社群。可以从下面「为你推荐」里挑一个，或在上面搜索感兴趣的社群。' />
            <ListRetry list={mine} id='groups-mine-retry' />
          </Section>

          <Section title='为你推荐' id='groups-recommended'>
            {suggestions.map((g) => (
              <GroupCard key={g.id} id={`recommended-${g.id}`} group={g} reason={g.reason} onClick={() => open(g.id)} />
            ))}
            <Notice id='groups-recommended-error'>{recommended.error && !recommended.loading ? recommended.error.message : null}</Notice>
            {recommended.error && !recommended.loading ? (
              <Button id='groups-recommended-retry' className='tq-button' block onClick={() => void recommended.reload()}>
                重试
              </Button>
            ) : null}
            {recommended.data && !suggestions.length ? (
              <>
                <EmptyState id='groups-recommended-empty' text='暂时没有为你推荐的社群。在青年档案里填写兴趣、特长，推荐会更合适。' />
                <Button id='groups-profile' className='tq-button' fill='outline' block onClick={() => go(ROUTES.profile)}>
                  完善青年档案
                </Button>
              </>
            ) : null}
          </Section>
        </>
      )}
    </PageShell>
  )
}
