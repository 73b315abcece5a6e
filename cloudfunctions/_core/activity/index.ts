export * from './activity.rules'
export * from './activity.repo'
export * from './activity.notices'
