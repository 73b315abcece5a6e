export * from './profile.rules'
export * from './profile.repo'
export * from './profile.claims'
export * from './profile.accept'
