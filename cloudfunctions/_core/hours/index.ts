export * from './hours.rules'
export * from './hours.repo'
export * from './review.repo'
export * from './review'
