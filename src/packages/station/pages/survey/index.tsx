import { useCallback, useRef, useState } from 'react'
import { Button, Checkbox, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { ProfileField, SurveyViewT } from '../../../../../types/contract/station'
import { MultiChoice, SingleChoice } from '../../../../components/choice-group'
import { Field } from '../../../../components/field'
import { LoadState } from '../../../../components/load-state'
import { Notice } from '../../../../components/notice'
import { PageShell, Section } from '../../../../components/page-shell'
import { ToneTag } from '../../../../components/tone-tag'
import { usePageLoad } from '../../../../hooks/use-page-load'
import { useNow, usePageParams } from '../../../../hooks/use-page-params'
import { toApiError } from '../../../../services/api'
import { stationApi } from '../../../../services/api/station'
import { ROUTES, back } from '../../../../utils/routes'
import { formatDateTime } from '../../../../utils/time'
import { StarPicker } from '../../components/star-picker'
import { PROFILE_FIELD_LABEL, answerErrors, answersOf, type AnswerErrors, type Draft, type SurveyQuestion } from './answers'
import './index.scss'

const CONSENT_TEXT = '同意将需求、技能、兴趣类答案更新到我的青年档案'

function QuestionField({ q, index, value, error, disabled, onChange }: { q: SurveyQuestion; index: number; value: Draft[string]; error?: string; disabled: boolean; onChange: (v: Draft[string]) => void }) {
  const name = `survey-q-${q.id}`
  const choices = q.options.map((o) => ({ value: o.id, label: o.label }))
  const label = `${index + 1}. ${q.title}`
  if (q.kind === 'single') {
    return (
      <Field name={name} label={label} required={q.required} error={error}>
        <SingleChoice name={name} choices={choices} value={typeof value === 'string' ? value : ''} onChange={onChange} />
      </Field>
    )
  }
  if (q.kind === 'multi') {
    return (
      <Field name={name} label={label} required={q.required} error={error} hint={q.maxChoices !== null ? `多选，最多选${q.maxChoices}项` : '多选'}>
        <MultiChoice name={name} choices={choices} value={Array.isArray(value) ? value : []} onChange={onChange} />
      </Field>
    )
  }
  if (q.kind === 'rating') {
    return (
      <Field name={name} label={label} required={q.required} error={error} hint={`1至${q.scale}分，分数越高越满意`}>
        <StarPicker name={`${name}-stars`} scale={q.scale} value={typeof value === 'number' ? value : 0} onChange={disabled ? undefined : onChange} />
      </Field>
    )
  }
  const text = typeof value === 'string' ? value : ''
  return (
    <Field name={name} label={label} required={q.required} error={error} hint={`${text.length}/${q.maxLength}字`}>
      <TextArea id={`${name}-input`} value={text} maxLength={q.maxLength} disabled={disabled} placeholder='请填写' onChange={onChange} />
    </Field>
  )
}

function Answered({ updated }: { updated: ProfileField[] | null }) {
  return (
    <Section id='survey-answered'>
      <View className='tq-row'>
        <ToneTag tone='green' solid id='survey-answered-tag'>
          已作答
        </ToneTag>
      </View>
      <Text className='tq-survey__done' id='survey-answered-text'>
        {updated ? '感谢你的作答！' : '你已经答过这份问卷了，感谢参与。'}
      </Text>
      {updated?.length ? (
        <Notice kind='success' id='survey-profile-updated'>{`已更新到你的青年档案：${updated.map((f) => PROFILE_FIELD_LABEL[f]).join('、')}`}</Notice>
      ) : null}
      <Button id='survey-back' className='tq-button' size='large' block onClick={() => back(ROUTES.stationSurveys)}>
        返回问卷列表
      </Button>
    </Section>
  )
}

function SurveyForm({ survey, onAnswered }: { survey: SurveyViewT; onAnswered: (survey: SurveyViewT, updated: ProfileField[] | null) => void }) {
  const [draft, setDraft] = useState<Draft>({})
  const [errors, setErrors] = useState<AnswerErrors>({})
  const [consent, setConsent] = useState(false)
  const [notice, setNotice] = useState('')
  const [busy, setBusy] = useState(false)
  const sending = useRef(false)

  const set = (id: string, v: Draft[string]) => {
    setDraft((d) => ({ ...d, [id]: v }))
    setErrors((e) => (e[id] ? { ...e, [id]: '' } : e))
  }

  const send = async () => {
    if (sending.current) return
    setNotice('')
    const found = answerErrors(survey.questions, draft)
    if (Object.keys(found).length) {
      setErrors(found)
      setNotice('还有题目需要修改，请看红色提示。')
      return
    }
    setErrors({})
    sending.current = true
    setBusy(true)
    try {
      const res = await stationApi.answerSurvey({ surveyId: survey.id, answers: answersOf(survey.questions, draft), consent: survey.asksConsent && consent })
      onAnswered(res.survey, res.profileUpdated)
    } catch (e) {
      sending.current = false
      setBusy(false)
      const err = toApiError(e, 'station.answerSurvey')
      // Answered meanwhile (another phone, a lost reply): the page says so instead of the form.
      if (err.code === 'SURVEY.ANSWERED') return onAnswered({ ...survey, answered: true }, null)
      setNotice(err.message)
    }
  }

  return (
    <>
      <Section id='survey-questions'>
        {survey.questions.map((q, i) => (
          <QuestionField key={q.id} q={q} index={i} value={draft[q.id]} error={errors[q.id] || undefined} disabled={busy} onChange={(v) => set(q.id, v)} />
        ))}
      </Section>
      {survey.asksConsent ? (
        <Section id='survey-consent-box'>
          <Checkbox id='survey-consent' checked={consent} onChange={setConsent} label={CONSENT_TEXT} />
          <Text className='tq-muted tq-survey__consent-hint'>不勾选也可以提交，答案只用于统计，不写入档案。</Text>
        </Section>
      ) : null}
      <Notice id='survey-notice'>{notice}</Notice>
      <View className='tq-actions'>
        <Button id='survey-submit' className='tq-button' type='primary' size='large' block loading={busy} disabled={busy} onClick={() => void send()}>
          提交问卷
        </Button>
        <Text className='tq-muted'>每人只能作答一次，提交后不能修改。</Text>
      </View>
    </>
  )
}

/** Why a survey cannot be answered now (not yet open, over, or closed early); null when it can. */
function notOpen(s: SurveyViewT, now: number): string | null {
  if (s.status === 'closed' || now > s.closesAt) return '这份问卷已经结束了，感谢关注。'
  if (s.status !== 'published') return '这份问卷还没有发布。'
  if (now < s.opensAt) return `这份问卷将于${formatDateTime(s.opensAt)}开始作答。`
  return null
}

/**
 * 问卷: each question by its kind (单选, 多选, 评分, 简答), checked against the survey's own rules
 * before sending; the consent box only when some option feeds the profile. Once answered the page
 * says so — and which profile fields the answers filled.
 */
export default function SurveyPage() {
  const { id } = usePageParams('id')
  const now = useNow()
  const load = useCallback(() => stationApi.getSurvey({ surveyId: id }), [id])
  const page = usePageLoad(id ? load : null, 'station.getSurvey')
  const [updated, setUpdated] = useState<ProfileField[] | null>(null)
  const s = page.data?.survey ?? null

  if (!id) {
    return (
      <PageShell id='page-station-survey' title='问卷'>
        <Notice id='survey-missing'>没有找到这份问卷。</Notice>
      </PageShell>
    )
  }
  if (!s) {
    return (
      <PageShell id='page-station-survey'>
        <LoadState
          state={page}
          errorId='survey-load-error'
          retryId='survey-retry'
          action={
            page.error?.code === 'SURVEY.NOT_FOUND' || page.error?.code === 'SURVEY.NOT_IN_AUDIENCE' ? (
              <Button id='survey-back' className='tq-button' size='large' block onClick={() => back(ROUTES.stationSurveys)}>
                返回问卷列表
              </Button>
            ) : undefined
          }
        />
      </PageShell>
    )
  }

  const closedWhy = notOpen(s, now)
  return (
    <PageShell id='page-station-survey' title={s.title} subtitle={`${s.orgName} · 截止${formatDateTime(s.closesAt)}`}>
      {s.intro ? (
        <Section id='survey-intro'>
          <Text className='tq-survey__intro' id='survey-intro-text' userSelect>
            {s.intro}
          </Text>
        </Section>
      ) : null}
      {s.answered ? (
        <Answered updated={updated} />
      ) : closedWhy ? (
        <Notice kind='info' id='survey-closed'>
          {closedWhy}
        </Notice>
      ) : (
        <SurveyForm
          survey={s}
          onAnswered={(survey, fields) => {
            // null: answered before (no profile change to tell of now).
            setUpdated(fields)
            page.setData({ survey: { ...survey, answered: true } })
          }}
        />
      )}
    </PageShell>
  )
}
