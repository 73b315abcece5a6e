export * from './activity.rules'
export * from './activity.repo'
