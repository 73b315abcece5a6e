import { OPINION_STATE_LABEL, type OpinionViewT } from '../../../../types/contract/station'
import { ToneTag, type Tone } from '../../../components/tone-tag'

const TONE: Record<OpinionViewT['state'], Tone> = { submitted: 'orange', assigned: 'blue', replied: 'green', closed: 'grey' }

/**
 * Where an opinion stands (`id`), and beside it 超期未答复 (`<id>-overdue`) while one past its reply
 * days still waits: once replied it is no longer late, whatever the flag says.
 */
export function OpinionStateTags({ opinion, id }: { opinion: Pick<OpinionViewT, 'state' | 'overdue'>; id: string }) {
  const late = opinion.overdue && (opinion.state === 'submitted' || opinion.state === 'assigned')
  return (
    <>
      <ToneTag tone={TONE[opinion.state]} id={id}>
        {OPINION_STATE_LABEL[opinion.state]}
      </ToneTag>
      {late ? (
        <ToneTag tone='red' solid id={`${id}-overdue`}>
          超期未答复
        </ToneTag>
      ) : null}
    </>
  )
}
