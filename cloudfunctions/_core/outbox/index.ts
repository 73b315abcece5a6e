export * from './outbox.rules'
export * from './outbox.repo'
export * from './outbox.sender'
