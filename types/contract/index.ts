import { userContract } from './user'

/** Every function's contract, by function name. Later domains add theirs here. */
export const contracts = {
  user: userContract,
} as const

export type FunctionName = keyof typeof contracts
export { userContract }
