import type { StationContract } from '../../../types/contract/station'
import { MANAGER_ROLES, requireScope, rolesCovering, type RoleDoc } from '../../_core/access'
import { groupOrg, requireGroup } from '../../_core/community'
import { requireOrg } from '../../_core/org/org.repo'
import { assertPublishable } from '../../_core/platform'
import {
  assertDefinition,
  assertEditable,
  assertPeriod,
  getSurvey,
  putSurvey,
  reachKey,
  requireStation,
  surveyIdFor,
  toSurveyViews,
  txSurvey,
  type Audience,
  type SurveyDoc,
} from '../../_core/station'
import { AppError } from '../../_core/runtime/app-error'
import type { ActionContext } from '../../_core/runtime/context'
import { transaction } from '../../_core/runtime/db'
import { asReplay, requestHash } from '../../_core/runtime/idempotency'
import type { Action } from '../../_core/runtime/serve'
import { chainOf } from '../../_core/tree'
import { venueInScope } from '../../_core/venue'

/**
 * A cadre makes or edits a survey for an org, a group or a station in their scope. A new survey
 * takes the id its request key gives, so a retry (or the same key sent many times at once) answers
 * the one survey. Once anyone has answered, only the title, intro and closing time may change.
 */
export const saveSurvey: Action<StationContract, 'saveSurvey'> = async (input, ctx) => {
  const { org, roles } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const openid = ctx.openid()
  const now = ctx.clock.now()
  const { requestId, surveyId, publish, ...fields } = input
  const id = surveyId ?? surveyIdFor(openid, requestId)
  const hash = requestHash({ ...fields, publish })
  const earlier = await getSurvey(ctx.db, id)
  if (!surveyId && asReplay(earlier, hash)) {
    ctx.audit.replay()
    return { survey: (await toSurveyViews(ctx.db, [earlier!], null))[0] }
  }
  if (surveyId && !earlier) throw new AppError('SURVEY.NOT_FOUND')
  // An edit is the editor's to make only over the survey's own org, wherever it is moved to.
  if (earlier) await requireScope(ctx, earlier.orgId, MANAGER_ROLES)

  assertDefinition(fields.questions)
  assertPeriod(fields.opensAt, fields.closesAt, now)
  const stationOrgId = await audienceOrg(ctx, fields.audience, roles)
  await assertPublishable(ctx.platform.contentCheck, openid, [fields.title, fields.intro, ...fields.questions.flatMap((q) => [q.title, ...q.options.map((o) => o.label)])])

  const saved = await transaction(ctx.db, async (tx) => {
    const seen = await txSurvey(tx, id)
    if (!surveyId && seen) {
      // The same key sent twice at once: the first made it.
      asReplay(seen, hash)
      ctx.audit.replay()
      return seen
    }
    if (seen) assertEditable(seen, { ...fields, orgId: org._id })
    const status = publish ? 'published' : (seen?.status ?? 'draft')
    const doc: SurveyDoc = {
      _id: id,
      orgId: org._id,
      underOrgs: chainOf(org),
      title: fields.title,
      intro: fields.intro,
      audience: fields.audience,
      reach: reachKey(fields.audience, stationOrgId),
      opensAt: fields.opensAt,
      closesAt: fields.closesAt,
      status,
      questions: fields.questions,
      locked: seen?.locked ?? false,
      ...(seen?.lockedAt ? { lockedAt: seen.lockedAt } : {}),
      rev: (seen?.rev ?? 0) + 1,
      requestHash: seen?.requestHash ?? hash,
      createdBy: seen?.createdBy ?? openid,
      createdAt: seen?.createdAt ?? now,
      updatedAt: now,
      closedAt: null,
    }
    await putSurvey(tx, doc)
    await ctx.audit.write(tx, {
      target: { type: 'survey', id },
      orgId: org._id,
      orgPath: org.path,
      detail: { title: doc.title, status, audience: doc.audience, questions: doc.questions.length, edit: !!seen },
    })
    return doc
  })
  return { survey: (await toSurveyViews(ctx.db, [saved], null))[0] }
}

/**
 * Refuses an audience outside the caller's scope: an org they manage, a group of an org they
 * manage, a station or youth home whose org they manage. Answers the station's org (what the
 * survey reaches), or null for the other kinds.
 */
async function audienceOrg(ctx: ActionContext, audience: Audience, roles: RoleDoc[]): Promise<string | null> {
  if (audience.type === 'org') {
    const target = await requireOrg(ctx.db, audience.orgId)
    if (!rolesCovering(roles, target, MANAGER_ROLES).length) throw new AppError('AUTH.FORBIDDEN', '只能面向您负责范围内的团组织发放问卷。')
    return null
  }
  if (audience.type === 'group') {
    const group = await requireGroup(ctx.db, audience.groupId)
    if (!rolesCovering(roles, groupOrg(group), MANAGER_ROLES).length) throw new AppError('AUTH.FORBIDDEN', '只能面向您负责范围内的社群发放问卷。')
    return null
  }
  const venue = await requireStation(ctx.db, audience.venueId)
  if (!venueInScope(roles, venue, MANAGER_ROLES)) throw new AppError('AUTH.FORBIDDEN', '只能面向您负责范围内的联络站发放问卷。')
  return venue.orgId
}
