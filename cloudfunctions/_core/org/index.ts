export * from './org.rules'
export * from './org.repo'
export * from './org.follow'
