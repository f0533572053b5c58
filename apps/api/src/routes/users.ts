import {
  IdParamSchema,
  PageQuerySchema,
  pageOf,
  UserCreateSchema,
  UserPatchSchema,
  UserSchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { getCookie } from 'hono/cookie'
import { requireRole } from '../middleware/roles.ts'
import { SESSION_COOKIE } from '../middleware/session.ts'
import { assertPasswordAllowed } from '../services/password-policy.ts'
import { hashPassword } from '../services/passwords.ts'
import { createUser, listUsers, updateUser } from '../services/users.ts'
import {
  errorResponses,
  IfMatchHeaderSchema,
  jsonBody,
  jsonResponse,
  newRouter,
  readIfMatch,
  SESSION_ONLY,
  serviceContext,
  tagged,
} from './route-kit.ts'

const adminOnly = requireRole('admin')

export const userRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/users',
      operationId: 'listUsers',
      summary: 'List accounts (admin)',
      tags: ['users'],
      security: SESSION_ONLY,
      middleware: adminOnly,
      request: { query: PageQuerySchema },
      responses: {
        200: jsonResponse(pageOf(UserSchema), 'A page of accounts'),
        ...errorResponses('validation_failed', 'unauthenticated', 'forbidden'),
      },
    }),
    async (c) => c.json(await listUsers(c.get('deps').db, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/users',
      operationId: 'createUser',
      summary: 'Create an account (admin)',
      tags: ['users'],
      security: SESSION_ONLY,
      middleware: adminOnly,
      request: jsonBody(UserCreateSchema),
      responses: {
        201: jsonResponse(UserSchema, 'The new account'),
        ...errorResponses(
          'validation_failed',
          'unauthenticated',
          'forbidden',
          'conflict',
          'unsupported_media_type',
        ),
      },
    }),
    async (c) => {
      const { password, ...input } = c.req.valid('json')
      assertPasswordAllowed(password, 'password')
      const hash = await hashPassword(password, c.get('deps').config.scryptLogN)
      return c.json(tagged(c, await createUser(serviceContext(c), input, hash)), 201)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/users/{id}',
      operationId: 'updateUser',
      summary: 'Change an account: name, role, disabled, a new password (admin)',
      description:
        'Setting `password` (12 characters at least, not one of the most common passwords) ends every session of that user; history records that it was set, never the password or its hash.',
      tags: ['users'],
      security: SESSION_ONLY,
      middleware: adminOnly,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(UserPatchSchema) },
      responses: {
        200: jsonResponse(UserSchema, 'The changed account'),
        ...errorResponses(
          'validation_failed',
          'unauthenticated',
          'forbidden',
          'not_found',
          'conflict',
          'precondition_failed',
          'precondition_required',
        ),
      },
    }),
    async (c) => {
      const { password, ...input } = c.req.valid('json')
      const expected = readIfMatch(c)
      let newPassword: { hash: string; keepToken: string | undefined } | undefined
      if (password !== undefined) {
        assertPasswordAllowed(password, 'password')
        newPassword = {
          hash: await hashPassword(password, c.get('deps').config.scryptLogN),
          keepToken: getCookie(c, SESSION_COOKIE),
        }
      }
      // The clock is read after the hash, so the change is stamped when it is made.
      const user = await updateUser(serviceContext(c), c.req.valid('param').id, expected, input, newPassword)
      return c.json(tagged(c, user), 200)
    },
  )
