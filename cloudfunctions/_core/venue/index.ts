export * from './venue.rules'
export * from './venue.repo'
