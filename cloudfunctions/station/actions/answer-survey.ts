import type { StationContract } from '../../../types/contract/station'
import { assertCurrentPrivacy } from '../../_core/activity'
import { assertPublishable } from '../../_core/platform'
import { getProfile, userIdFor } from '../../_core/profile'
import {
  answerIdFor,
  answerTexts,
  assertOpen,
  checkAnswers,
  insertAnswer,
  lockSurvey,
  mergeProfile,
  noAdds,
  profileAddsOf,
  profileFullError,
  requireSurvey,
  settleAnswer,
  toSurveyViews,
  assertInAudience,
  type AnswerDoc,
} from '../../_core/station'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/**
 * A registered youth in the survey's audience answers it, once. The answer is checked against the
 * survey's own questions, its texts pass the content check, and only then is anything stored: the
 * answer under `${surveyId}_${userId}` (a second one is refused by that id), then — with consent —
 * the profile, then the tallies. A crash after the answer leaves it untallied for the next results
 * read to finish; nothing is counted twice.
 */
export const answerSurvey: Action<StationContract, 'answerSurvey'> = async (input, ctx) => {
  const openid = ctx.openid()
  const userId = userIdFor(ctx.secrets(), openid)
  const now = ctx.clock.now()
  const [first, profile] = await Promise.all([requireSurvey(ctx.db, input.surveyId), getProfile(ctx.db, userId)])
  assertCurrentPrivacy(profile)
  if (first.status === 'draft') throw new AppError('SURVEY.NOT_FOUND')
  assertOpen(first, now)
  await assertInAudience(ctx.db, first, profile)

  let survey = first
  for (let round = 0; ; round++) {
    const answers = checkAnswers(survey.questions, input.answers)
    const adds = input.consent ? profileAddsOf(survey.questions, answers) : noAdds()
    const { over } = mergeProfile({ needs: profile.needs, skills: profile.skills, interests: profile.interests }, adds)
    if (over.length) throw profileFullError(over)
    await assertPublishable(ctx.platform.contentCheck, openid, answerTexts(survey.questions, answers))
    // The questions validated against are locked before the answer lands: an edit racing the first
    // answer either comes first (and this answer is checked again) or is refused as locked.
    if (await lockSurvey(ctx.db, survey, now)) {
      const answer: AnswerDoc = { _id: answerIdFor(survey._id, userId), surveyId: survey._id, userId, at: now, answers, consent: input.consent, profileAdds: adds, talliedAt: null }
      await insertAnswer(ctx.db, answer)
      const profileUpdated = await settleAnswer(ctx.db, survey, answer, now)
      const [view] = await toSurveyViews(ctx.db, [survey], userId)
      return { survey: view, profileUpdated }
    }
    if (round >= 5) throw new AppError('GENERIC.CONFLICT')
    survey = await requireSurvey(ctx.db, input.surveyId)
    assertOpen(survey, now)
    await assertInAudience(ctx.db, survey, profile)
  }
}
