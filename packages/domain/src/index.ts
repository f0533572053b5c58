export * from './diagnosticity.ts'
export * from './quantities.ts'
