export * from './station.repo'
export * from './post.rules'
export * from './post.repo'
