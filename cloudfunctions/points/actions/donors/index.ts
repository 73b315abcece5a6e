import type { donorsContract } from '../../../../types/contract/donors'
import type { Actions } from '../../../_core/runtime/serve'
import { donorBoard } from './donor-board'
import { donorBoardSummary } from './donor-board-summary'
import { donorCertificates } from './donor-certificates'
import { issueDonorCertificate } from './issue-donor-certificate'
import { verifyDonorCertificate } from './verify-donor-certificate'

export const donorsActions: Actions<typeof donorsContract> = {
  donorBoard,
  donorBoardSummary,
  issueDonorCertificate,
  verifyDonorCertificate,
  donorCertificates,
}
