export * from './profile.rules'
export * from './profile.repo'
