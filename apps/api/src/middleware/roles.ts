import { AppError, type Role } from '@counterclaim/shared'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../routes/route-kit.ts'

const RANK: Record<Role, number> = { checker: 1, editor: 2, admin: 3 }

/** Lets through users whose role is at least `min`; everyone else gets 403. */
export const requireRole = (min: Role) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const user = c.get('user')
    if (!user) throw new AppError('unauthenticated', 'Sign in to continue.')
    if (RANK[user.role] < RANK[min]) throw new AppError('forbidden', `This needs the ${min} role or higher.`)
    await next()
  })

/** Whether a role reaches another. */
export const roleAtLeast = (role: Role, min: Role) => RANK[role] >= RANK[min]
