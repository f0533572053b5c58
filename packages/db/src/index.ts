export * from './client.ts'
export * as tables from './schema.ts'
