export * from './tree.rules'
export * from './tree.repo'
