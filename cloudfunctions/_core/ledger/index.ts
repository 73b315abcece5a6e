export * from './ledger.rules'
export * from './ledger.repo'
