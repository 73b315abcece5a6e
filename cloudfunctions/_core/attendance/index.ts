export * from './attendance.rules'
export * from './attendance.hmac'
export * from './attendance.repo'
