import { AppError, type Role, roleAtLeast } from '@counterclaim/shared'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../routes/route-kit.ts'

/** Lets through users whose role is at least `min`; everyone else gets 403. */
export const requireRole = (min: Role) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const user = c.get('user')
    if (!user) throw new AppError('unauthenticated', 'Sign in to continue.')
    if (!roleAtLeast(user.role, min)) throw new AppError('forbidden', `This needs the ${min} role or higher.`)
    await next()
  })
