export * from './org.rules'
export * from './org.repo'
