import { useCallback } from 'react'
import { useShareAppMessage } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import type { DonorBoardCardT } from '../../../types/contract/donors'
import { ListFooter } from '../../components/load-more'
import { LoadState } from '../../components/load-state'
import { Notice } from '../../components/notice'
import { PageShell } from '../../components/page-shell'
import { usePictureShare } from '../../components/picture-share'
import { usePageLoad } from '../../hooks/use-page-load'
import { usePageParams } from '../../hooks/use-page-params'
import { usePagedList } from '../../hooks/use-paged-list'
import { useSession } from '../../hooks/use-session'
import { donorsApi } from '../../services/api/donors'
import type { Ctx2D } from '../../utils/certificate-image'
import { CARD_HEIGHT, CARD_WIDTH, drawDonorCard, type DonorCardData } from '../../utils/donor-card-image'
import { givenLine, redeemedLine } from '../../utils/donor-figures'
import { donorBoardLink } from '../../utils/donor-links'
import { ROUTES, withQuery } from '../../utils/routes'
import './index.scss'

const PAGE_SIZE = 20

function Logo({ card }: { card: DonorBoardCardT }) {
  if (card.logo) return <Image className='tq-donor__logo' id={`donor-logo-${card.id}`} src={card.logo} mode='aspectFill' />
  // No logo yet (or one still being checked): the first character of the name stands in.
  return (
    <View className='tq-donor__logo tq-donor__logo--initial'>
      <Text>{Array.from(card.name)[0] ?? '爱'}</Text>
    </View>
  )
}

function DonorCard({ card, onShare, busy }: { card: DonorBoardCardT; onShare: () => void; busy: boolean }) {
  return (
    <View className='tq-donor' id={`donor-${card.id}`}>
      <View className='tq-donor__head'>
        <Logo card={card} />
        <Text className='tq-donor__name' id={`donor-name-${card.id}`}>
          {card.name}
        </Text>
      </View>
      {card.story ? (
        <Text className='tq-donor__story' id={`donor-story-${card.id}`}>
          {card.story}
        </Text>
      ) : null}
      <View className='tq-donor__figures'>
        <Text className='tq-donor__given' id={`donor-given-${card.id}`}>
          {givenLine(card.figures)}
        </Text>
        <Text className='tq-donor__redeemed' id={`donor-redeemed-${card.id}`}>
          {redeemedLine(card.figures)}
        </Text>
      </View>
      <Button id={`donor-share-${card.id}`} className='tq-button tq-donor__share' size='small' disabled={busy} onClick={onShare}>
        分享感谢卡
      </Button>
    </View>
  )
}

/**
 * Public: a county's 爱心企业榜 — what each donor gave, what volunteers redeemed of it, and a card
 * that says thanks, to share. Opened from a shared link (`?orgId=`), from the 益币 tab, or by a
 * registered youth without a link (their own county). No login is needed.
 */
export default function DonorsPage() {
  const params = usePageParams('orgId')
  const session = useSession()
  const linked = params.orgId.trim()
  const orgId = linked || session.me?.profile?.orgId || ''
  const waiting = !linked && session.loading && !session.me

  const fetchSummary = useCallback(() => donorsApi.donorBoardSummary({ orgId }), [orgId])
  const fetchPage = useCallback((cursor?: string) => donorsApi.donorBoard({ orgId, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }), [orgId])
  const summary = usePageLoad(orgId ? fetchSummary : null, 'points.donorBoardSummary')
  const list = usePagedList(orgId ? fetchPage : null, 'points.donorBoard')
  const pictures = usePictureShare('donors-share')

  const county = summary.data?.county ?? null
  const boardOrg = county?.id ?? orgId

  useShareAppMessage(() => ({
    title: county ? `感谢${county.name}的爱心企业` : '感谢爱心企业',
    path: withQuery(ROUTES.donors, { orgId: boardOrg }),
  }))

  const shareCard = (card: DonorBoardCardT | null) => {
    if (!summary.data) return
    const data: DonorCardData = {
      countyName: summary.data.county.name,
      ...(card ? { donor: { name: card.name, story: card.story } } : { donors: summary.data.donors }),
      figures: card ? card.figures : summary.data.figures,
      link: donorBoardLink(summary.data.county.id),
    }
    void pictures.share({
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      draw: (ctx) => drawDonorCard(ctx as unknown as Ctx2D, data),
      fileName: `感谢爱心企业-${card ? card.name : summary.data.county.name}.png`,
    })
  }

  return (
    <PageShell id='page-donors' title={county ? `${county.name} 爱心企业榜` : '爱心企业榜'} subtitle='志愿者用志愿服务兑换的每一件物资，都来自爱心企业的捐赠。感谢他们！'>
      {!orgId && !waiting ? (
        <Notice kind='info' id='donors-no-org'>
          请从爱心企业榜的分享链接或二维码打开；登记青年档案后，也可以在「益币」里查看本县的爱心企业榜。
        </Notice>
      ) : null}
      {orgId && !summary.data ? <LoadState state={summary} errorId='donors-error' retryId='donors-retry' /> : null}
      {summary.data ? (
        <View className='tq-donors__summary' id='donors-summary'>
          <Text className='tq-donors__count' id='donors-count'>{`${summary.data.donors} 家爱心企业`}</Text>
          <Text className='tq-donors__line' id='donors-given'>
            {givenLine(summary.data.figures)}
          </Text>
          <Text className='tq-donors__line' id='donors-redeemed'>
            {redeemedLine(summary.data.figures)}
          </Text>
          <Button id='donors-share' className='tq-button' type='primary' block disabled={pictures.busy} onClick={() => shareCard(null)}>
            分享感谢卡
          </Button>
        </View>
      ) : null}
      {summary.data ? (
        <View id='donors-list'>
          {list.items.map((card, i) => (
            <View key={card.id} className='tq-donors__item'>
              {i < 3 ? <Text className='tq-donors__rank'>{`第${i + 1}名`}</Text> : null}
              <DonorCard card={card} busy={pictures.busy} onShare={() => shareCard(card)} />
            </View>
          ))}
          <ListFooter list={list} id='donors-more' emptyText='还没有爱心企业上榜。物资上架后，捐赠的爱心企业会出现在这里。' />
        </View>
      ) : null}
      {pictures.view}
    </PageShell>
  )
}
