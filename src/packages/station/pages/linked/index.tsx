import { useCallback } from 'react'
import { Text, View } from '@tarojs/components'
import type { LinkKind } from '../../../../../types/contract/station'
import { PageShell, Section } from '../../../../components/page-shell'
import { ListFooter } from '../../../../components/load-more'
import { ListRetry } from '../../../../components/list-retry'
import { ToneTag } from '../../../../components/tone-tag'
import { useListPage } from '../../../../hooks/use-list-page'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { stationApi } from '../../../../services/api/station'

/** Whom the link puts in the caller's care: a representative's youth, a committee member's representatives. */
const LINKED_AS: Record<LinkKind, string> = { rep_youth: '联系的青年', committee_rep: '联系的团代表' }

function Linked() {
  const fetchPage = useCallback((cursor?: string) => stationApi.myLinks({ cursor }), [])
  const list = usePagedList(fetchPage, 'station.myLinks')
  useListPage(list, { reloadOnShow: true })
  return (
    <Section id='linked-list'>
      {list.items.map((l) => (
        <View key={l.linkId} className='tq-list-item' id={`link-${l.linkId}`}>
          <View className='tq-row'>
            <Text className='tq-list-item__title tq-grow' id={`link-${l.linkId}-name`}>
              {l.name}
            </Text>
            <ToneTag tone={l.kind === 'rep_youth' ? 'blue' : 'red'}>{LINKED_AS[l.kind]}</ToneTag>
          </View>
          <Text className='tq-list-item__meta' id={`link-${l.linkId}-meta`}>
            {`${l.orgName}${l.mobile ? ` · ${l.mobile}` : ''}`}
          </Text>
        </View>
      ))}
      <ListFooter list={list} id='linked-more' emptyText='还没有登记您联系的人。“两联”由团干部登记：委员联系团代表，团代表联系青年。' />
      <ListRetry list={list} id='linked-retry' />
    </Section>
  )
}

export default function LinkedPage() {
  return (
    <PageShell id='page-station-linked' title='我联系的人' subtitle='“两联”：委员联系团代表，团代表联系青年（手机号已打码）'>
      <Linked />
    </PageShell>
  )
}
