import type { StationContract } from '../../../types/contract/station'
import type { Actions } from '../../_core/runtime/serve'

/** The surveys actions of the station function (one file per action beside this one, as they are built). */
const notBuilt = async (): Promise<never> => {
  throw new Error('not built yet')
}

export const surveysActions: Pick<Actions<StationContract>, 'saveSurvey' | 'closeSurvey' | 'listSurveys' | 'mySurveys' | 'getSurvey' | 'answerSurvey' | 'surveyResults' | 'surveyTexts'> = {
  saveSurvey: notBuilt,
  closeSurvey: notBuilt,
  listSurveys: notBuilt,
  mySurveys: notBuilt,
  getSurvey: notBuilt,
  answerSurvey: notBuilt,
  surveyResults: notBuilt,
  surveyTexts: notBuilt,
}
