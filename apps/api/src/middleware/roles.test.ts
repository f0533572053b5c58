import { AppError, type Role, type SessionUser } from '@counterclaim/shared'
import { Hono } from 'hono'
import { expect, it } from 'vitest'
import type { AppEnv } from '../routes/route-kit.ts'
import { requireRole } from './roles.ts'

/** A route behind requireRole(min), for a caller of this role (or nobody). */
async function answer(min: Role, role: Role | null): Promise<number> {
  const app = new Hono<AppEnv>()
  app.use('*', async (c, next) => {
    c.set('user', role ? ({ id: 'u', email: 'u@example.org', name: 'U', role } as SessionUser) : null)
    await next()
  })
  app.get('/', requireRole(min), (c) => c.text('in'))
  app.onError((err, c) => (err instanceof AppError ? c.text(err.code, err.status) : c.text('?', 500)))
  return (await app.request('/')).status
}

it('lets through a role at or above the minimum; 403 below it, 401 with no one signed in', async () => {
  const table: Array<[Role, Role | null, number]> = [
    ['checker', null, 401],
    ['checker', 'checker', 200],
    ['checker', 'admin', 200],
    ['editor', 'checker', 403],
    ['editor', 'editor', 200],
    ['editor', 'admin', 200],
    ['admin', 'editor', 403],
    ['admin', 'admin', 200],
  ]
  for (const [min, role, status] of table) expect(await answer(min, role), `${role} on ${min}`).toBe(status)
})
