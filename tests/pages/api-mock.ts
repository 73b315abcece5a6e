/**
 * `jest.mock('…/src/services/api', () => require('./api-mock').apiModule())`: the real ApiError and
 * helpers, with every contract action replaced by a jest.fn (built from the contracts, like the client).
 */
import { contracts } from '../../types/contract'

export function apiModule() {
  const actual = jest.requireActual('../../src/services/api')
  const api: Record<string, Record<string, jest.Mock>> = {}
  for (const [fn, contract] of Object.entries(contracts)) {
    api[fn] = {}
    for (const action of Object.keys(contract.actions)) {
      api[fn][action] = jest.fn(async () => {
        throw new Error(`api.${fn}.${action} was called without a mocked answer`)
      })
    }
  }
  return { ...actual, api }
}
