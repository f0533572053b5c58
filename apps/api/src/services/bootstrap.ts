import type { Db } from '@counterclaim/db'
import type { Role } from '@counterclaim/shared'
import { generatePassword, hashPassword } from './passwords.ts'
import { findAccount, insertAccount, isEmpty, seedDemo } from './seed.ts'
import { backfillSnapshots } from './snapshots.ts'

export interface BootstrapOptions {
  adminEmail: string | null
  adminPassword: string | null
  seed: 'demo' | 'none'
  scryptLogN: number
  /** Passwords for the demo desk; generated when absent (tests pass their own). */
  demoPasswords?: { editor: string; checker: string }
}

export interface IssuedCredential {
  email: string
  role: Role
  password: string
}

/**
 * First start: the admin from the environment (or a generated one), then, on an empty database,
 * the demo desk and the 10 June 2025 example. Returns passwords that were generated, to print once.
 */
export async function bootstrap(db: Db, options: BootstrapOptions): Promise<IssuedCredential[]> {
  const issued: IssuedCredential[] = []
  const empty = await isEmpty(db)
  const now = () => new Date().toISOString()
  const adminEmail = (options.adminEmail ?? 'admin@example.org').toLowerCase()
  if (!(await findAccount(db, adminEmail)) && (empty || options.adminEmail)) {
    const password = options.adminPassword ?? generatePassword()
    if (!options.adminPassword) issued.push({ email: adminEmail, role: 'admin', password })
    await insertAccount(
      db,
      {
        email: adminEmail,
        name: 'Administrator',
        role: 'admin',
        passwordHash: await hashPassword(password, options.scryptLogN),
      },
      now(),
    )
  }
  await backfillSnapshots(db, now())
  if (!empty || options.seed === 'none') return issued
  const desk = {
    editor: options.demoPasswords?.editor ?? generatePassword(),
    checker: options.demoPasswords?.checker ?? generatePassword(),
  }
  if (!options.demoPasswords) {
    issued.push(
      { email: 'editor@example.org', role: 'editor', password: desk.editor },
      { email: 'checker@example.org', role: 'checker', password: desk.checker },
    )
  }
  const [editorHash, checkerHash] = await Promise.all([
    hashPassword(desk.editor, options.scryptLogN),
    hashPassword(desk.checker, options.scryptLogN),
  ])
  const editor = await insertAccount(
    db,
    { email: 'editor@example.org', name: 'Ana Petrenko', role: 'editor', passwordHash: editorHash },
    now(),
  )
  const checker = await insertAccount(
    db,
    { email: 'checker@example.org', name: 'Taras Bondar', role: 'checker', passwordHash: checkerHash },
    now(),
  )
  await seedDemo(db, { editor, checker })
  return issued
}
