/**
 * `jest.mock('…/src/services/api', () => require('./api-mock').apiModule())`: the real ApiError and
 * helpers, with every contract action replaced by a jest.fn. Pages call through the client of their
 * contract part (`src/services/api/hours.ts` …), each made by `clientFor`: here every part of a
 * function shares that function's mocks, so a test sets `api.activity.myHours` whichever part it is in.
 */
import { contracts } from '../../types/contract'
import type { Contract } from '../../types/contract/common'

/** The mocks, by function and action (fixtures.tsx exports them typed as `api`). */
export const mockedActions: Record<string, Record<string, jest.Mock>> = {}
for (const [fn, contract] of Object.entries(contracts)) {
  mockedActions[fn] = {}
  for (const action of Object.keys(contract.actions)) {
    mockedActions[fn][action] = jest.fn(async () => {
      throw new Error(`api.${fn}.${action} was called without a mocked answer`)
    })
  }
}

export function apiModule() {
  const actual = jest.requireActual('../../src/services/api')
  const clientFor = (contract: Contract) =>
    Object.fromEntries(Object.keys(contract.actions).map((action) => [action, (input: unknown) => mockedActions[contract.name][action](input)]))
  return { ...actual, clientFor }
}
