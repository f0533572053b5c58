export * from './claim-log.ts'
export * from './client.ts'
export * as tables from './schema.ts'
export * from './snapshots.ts'
