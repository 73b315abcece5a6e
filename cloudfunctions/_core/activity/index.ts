export * from './activity.rules'
export * from './activity.repo'
export * from './activity.notices'
export * from './activity.reminders'
