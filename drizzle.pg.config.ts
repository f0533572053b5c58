import { defineConfig } from 'drizzle-kit'

// The PostgreSQL schema beside the SQLite one (drizzle.config.ts): same tables, its own migrations.
export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/db/src/schema-pg.ts',
  out: './drizzle-pg',
  casing: 'snake_case',
})
