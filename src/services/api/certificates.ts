import { certificatesContract } from '../../../types/contract/certificates'
import { clientFor } from './index'

/** The volunteer service certificate and its public check (`types/contract/certificates.ts`). */
export const certificatesApi = clientFor(certificatesContract)
