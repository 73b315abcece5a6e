import type { StationContract } from '../../../types/contract/station'
import type { Actions } from '../../_core/runtime/serve'
import { answerSurvey } from './answer-survey'
import { closeSurvey } from './close-survey'
import { getSurvey } from './get-survey'
import { listSurveys } from './list-surveys'
import { mySurveys } from './my-surveys'
import { saveSurvey } from './save-survey'
import { surveyResults } from './survey-results'
import { surveyTexts } from './survey-texts'

/** The surveys actions of the station function (问卷): one file per action beside this one. */
export const surveysActions: Pick<Actions<StationContract>, 'saveSurvey' | 'closeSurvey' | 'listSurveys' | 'mySurveys' | 'getSurvey' | 'answerSurvey' | 'surveyResults' | 'surveyTexts'> = {
  saveSurvey,
  closeSurvey,
  listSurveys,
  mySurveys,
  getSurvey,
  answerSurvey,
  surveyResults,
  surveyTexts,
}
