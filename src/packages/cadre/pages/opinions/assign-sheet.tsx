import { useCallback, useEffect, useState } from 'react'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { OpinionViewT } from '../../../../../types/contract/station'
import { SingleChoice } from '../../../../components/choice-group'
import { ListFooter } from '../../../../components/load-more'
import { ListRetry } from '../../../../components/list-retry'
import { Notice } from '../../../../components/notice'
import { usePagedList } from '../../../../hooks/use-paged-list'
import { stationApi } from '../../../../services/api/station'
import { formatCalendarDate } from '../../../../utils/time'

interface Props {
  opinion: OpinionViewT | null
  busy: boolean
  /** The server's refusal (say the chosen representative's term just ended). */
  error: string
  onSubmit: (userId: string) => void
  onClose: () => void
}

/**
 * 分派: the representatives in office at the opinion's station (or in its org, for one sent online);
 * committee members and ended terms are left out, as the server would refuse them.
 */
export function AssignSheet({ opinion, busy, error, onSubmit, onClose }: Props) {
  const orgId = opinion?.orgId ?? ''
  const venueId = opinion?.venueId ?? undefined
  const fetchPage = useCallback((cursor?: string) => stationApi.listPeople({ orgId, venueId, cursor }), [orgId, venueId])
  const people = usePagedList(opinion ? fetchPage : null, 'station.listPeople')
  const [chosen, setChosen] = useState('')
  useEffect(() => setChosen(opinion?.assigneeUserId ?? ''), [opinion?.id, opinion?.assigneeUserId])

  const reps = people.items.filter((p) => p.post === 'representative' && p.active)
  // The same person may be posted at two stations in the org: one choice each.
  const choices = [...new Map(reps.map((p) => [p.userId, { value: p.userId, label: p.team ? `${p.name}（${p.venueName} · ${p.team}）` : `${p.name}（${p.venueName}）` }])).values()]
  const terms = new Map(reps.map((p) => [p.userId, p.termEnd]))

  return (
    <Popup visible={!!opinion} position='bottom' round closeable title={opinion?.assigneeUserId ? '改派意见' : '分派意见'} onClose={() => !busy && onClose()}>
      {opinion ? (
        <View className='tq-cadre-opinions__sheet' id='assign-sheet'>
          <Text className='tq-muted'>{opinion.venueName ? `分派给「${opinion.venueName}」在任的团代表：` : `分派给「${opinion.orgName}」范围内在任的团代表：`}</Text>
          {choices.length ? <SingleChoice name='assign-person' choices={choices} value={chosen} onChange={setChosen} /> : null}
          {chosen && terms.get(chosen) ? <Text className='tq-muted'>{`任期至 ${formatCalendarDate(terms.get(chosen)!)}`}</Text> : null}
          {!people.loading && !people.error && !people.hasMore && choices.length === 0 ? (
            <Notice kind='info' id='assign-none'>
              这里还没有在任的团代表。请先在「联络站人员」中派驻团代表，再来分派。
            </Notice>
          ) : null}
          <ListFooter list={people} id='assign-more' emptyText='这里还没有派驻人员' />
          <ListRetry list={people} id='assign-retry' />
          <Notice id='assign-error'>{error}</Notice>
          <Button
            id='assign-submit'
            className='tq-button'
            type='primary'
            size='large'
            block
            loading={busy}
            disabled={busy || !chosen || chosen === opinion.assigneeUserId}
            onClick={() => onSubmit(chosen)}
          >
            确定分派
          </Button>
        </View>
      ) : null}
    </Popup>
  )
}
