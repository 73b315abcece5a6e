import { useCallback } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { OPINION_CATEGORY_LABEL, type OpinionViewT } from '../../../../../types/contract/station'
import { ListRetry } from '../../../../components/list-retry'
import { ListFooter } from '../../../../components/load-more'
import { PageShell, Section } from '../../../../components/page-shell'
import { ToneTag } from '../../../../components/tone-tag'
import { useListPage } from '../../../../hooks/use-list-page'
import { useNow } from '../../../../hooks/use-page-params'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { stationApi } from '../../../../services/api/station'
import { ROUTES, go } from '../../../../utils/routes'
import { formatShortDateTime } from '../../../../utils/time'
import { OpinionStateTags } from '../../components/opinion-state-tags'
import './index.scss'

/** How much of an opinion's words a row shows; the opinion's page has them all. */
const EXCERPT = 60

function excerpt(text: string): string {
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text
}

function OpinionRow({ o, now }: { o: OpinionViewT; now: number }) {
  return (
    <View id={`opinion-${o.id}`} className='tq-list-item tq-opinions__item' hoverClass='tq-pressed' onClick={() => go(ROUTES.stationOpinion, { id: o.id })}>
      <View className='tq-row tq-opinions__tags'>
        <OpinionStateTags opinion={o} id={`opinion-${o.id}-state`} />
        <ToneTag tone='grey'>{OPINION_CATEGORY_LABEL[o.category]}</ToneTag>
        {o.anonymous ? <ToneTag tone='grey'>匿名</ToneTag> : null}
      </View>
      <Text className='tq-opinions__text'>{excerpt(o.text)}</Text>
      <Text className='tq-list-item__meta'>{`${o.venueName ?? o.orgName} · ${formatShortDateTime(o.submittedAt, now)}`}</Text>
      {o.reply ? <Text className='tq-list-item__meta tq-opinions__reply'>{`${o.assigneeName ?? '团代表'}已答复，点开查看`}</Text> : null}
    </View>
  )
}

/** 我的意见: every opinion the youth sent, newest first, and where each one stands. */
export default function OpinionsPage() {
  const now = useNow()
  const fetchPage = useCallback((cursor?: string) => stationApi.myOpinions({ cursor }), [])
  const list = usePagedList(fetchPage, 'station.myOpinions')
  // Back from an opinion just rated, or a new one just sent.
  useListPage(list, { reloadOnShow: true })

  return (
    <PageShell id='page-station-opinions' title='我的意见' subtitle='提交的意见由团代表答复，答复后请给个评价'>
      <Section id='opinions-list'>
        {list.items.map((o) => (
          <OpinionRow key={o.id} o={o} now={now} />
        ))}
        <ListFooter list={list} id='opinions-more' emptyText='你还没有提过意见' />
        <ListRetry list={list} id='opinions-retry' />
      </Section>
      <View className='tq-actions'>
        <Button id='opinions-new' className='tq-button' type='primary' fill='outline' size='large' block onClick={() => go(ROUTES.stationOpinionNew)}>
          线上提意见
        </Button>
      </View>
    </PageShell>
  )
}
