// Seeds PostgreSQL template databases in a process of their own (template-db.ts runs it):
// node --import tsx tests/support/seed-postgres.ts URL SEED [URL SEED …]
import { closeDb, connectPostgres } from '../../packages/db/src/index.ts'
import { seedTemplate, type TemplateSeed } from './template-db.ts'

const args = process.argv.slice(2)
if (args.length === 0 || args.length % 2 !== 0)
  throw new Error('usage: seed-postgres.ts URL SEED [URL SEED …]')
for (let i = 0; i < args.length; i += 2) {
  const db = connectPostgres(args[i] as string)
  try {
    await seedTemplate(db, args[i + 1] as TemplateSeed)
  } finally {
    await closeDb(db)
  }
}
