import { Text, View } from '@tarojs/components'
import type { LedgerEntryViewT } from '../../../../../types/contract/wallet'
import { PageShell, Section } from '../../../../components/page-shell'
import { ListFooter } from '../../../../components/load-more'
import { Notice } from '../../../../components/notice'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { useListPage } from '../../../../hooks/use-list-page'
import { walletApi } from '../../../../services/api/wallet'
import { ExpiryReminder, offersReminder } from '../../../../pages/points/expiry-reminder'
import { cx } from '../../../../utils/cx'
import { debtText, expiringOf, expiringText, figuresText } from '../../../../utils/mall'
import { formatDateTime } from '../../../../utils/time'
import '../../mall.scss'

/**
 * What each kind of entry is called. A string map, not one keyed by the contract's enum alone: kinds
 * that a newer server adds (adjustments, expiry) still show, under the entry's own title.
 */
const KIND: Record<string, string> = {
  credit: '志愿服务获得',
  reversal: '时长撤销冲正',
  debit: '兑换物资',
  refund: '兑换退回',
  adjust: '管理员调整',
  expiry: '到期作废',
}

const fetchBalance = () => walletApi.balance({})
const fetchPage = (cursor?: string) => walletApi.listLedger({ cursor })

function Entry({ e }: { e: LedgerEntryViewT }) {
  const kind = KIND[e.kind as string]
  return (
    <View className='tq-list-item tq-row' id={`mall-ledger-${e.id}`}>
      <View className='tq-grow'>
        <Text className='tq-list-item__title'>{e.title}</Text>
        <Text className='tq-list-item__meta'>{kind ? `${kind} · ${formatDateTime(e.at)}` : formatDateTime(e.at)}</Text>
      </View>
      <Text className={cx('tq-mall-ledger__amount', e.amount >= 0 ? 'tq-mall-ledger__amount--in' : 'tq-mall-ledger__amount--out')}>
        {e.amount >= 0 ? `+${e.amount}` : String(e.amount)}
      </Text>
    </View>
  )
}

/** 益币 history, newest first, paged: every entry is added, never edited (a refund or a reversal is an entry of its own). */
export default function LedgerPage() {
  const balance = usePageLoad(fetchBalance, 'points.balance')
  const list = usePagedList(fetchPage, 'points.listLedger')
  useListPage(list, { reloadOnShow: true, alsoRefresh: balance.reload })
  const b = balance.data
  const expiring = expiringOf(b)
  const debt = b ? debtText(b.balance) : null

  return (
    <PageShell id='page-mall-ledger' title='益币明细'>
      <Section id='mall-ledger-summary'>
        <Text className='tq-muted'>当前余额</Text>
        <View className='tq-row'>
          <Text className='tq-mall-ledger__summary' id='mall-ledger-balance'>
            {b ? String(b.balance) : '—'}
          </Text>
          {b ? <Text className='tq-muted'>{figuresText(b)}</Text> : null}
        </View>
        {expiring ? (
          <Text className='tq-mall-ledger__expiring' id='mall-ledger-expiring'>
            {expiringText(expiring)}
          </Text>
        ) : null}
        {offersReminder(b) ? <ExpiryReminder on={b?.remindExpiry} idPrefix='mall-ledger' onChanged={balance.reload} /> : null}
        {debt ? <Text className='tq-muted'>{debt}</Text> : null}
        <Notice>{balance.error && !balance.loading ? balance.error.message : null}</Notice>
      </Section>
      <Section id='mall-ledger-list'>
        {list.items.map((e) => (
          <Entry key={e.id} e={e} />
        ))}
        <ListFooter list={list} id='mall-ledger-more' emptyText='还没有益币记录，参加志愿服务、时长审核通过后就会获得益币' />
      </Section>
    </PageShell>
  )
}
