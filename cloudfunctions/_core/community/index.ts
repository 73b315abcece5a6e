export * from './group.rules'
export * from './group.repo'
export * from './group.cards'
