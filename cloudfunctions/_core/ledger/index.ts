export * from './ledger.rules'
export * from './ledger.repo'
export * from './expiry.rules'
export * from './expiry.repo'
