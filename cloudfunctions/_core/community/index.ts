export * from './group.rules'
export * from './group.repo'
