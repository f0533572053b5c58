import { MyWorkSchema, PersonListSchema } from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { getMyWork, listPeople } from '../services/my-work.ts'
import { errorResponses, jsonResponse, newRouter, SIGNED_IN, serviceContext } from './route-kit.ts'

export const teamRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/people',
      operationId: 'listPeople',
      summary: "The desk's active people, by name: for assignment and @ mentions",
      tags: ['team'],
      security: SIGNED_IN,
      responses: {
        200: jsonResponse(PersonListSchema, 'Everyone on the desk whose account is active'),
        ...errorResponses('unauthenticated'),
      },
    }),
    async (c) => c.json(await listPeople(c.get('deps').db), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me/work',
      operationId: 'getMyWork',
      summary:
        'My work: disputes assigned to me, drafts returned to me, verdicts awaiting my review, mentions',
      tags: ['team'],
      security: SIGNED_IN,
      responses: {
        200: jsonResponse(MyWorkSchema, 'The signed-in user’s work'),
        ...errorResponses('unauthenticated'),
      },
    }),
    async (c) => {
      const ctx = serviceContext(c)
      return c.json(await getMyWork(ctx.db, ctx.actor, ctx.now), 200)
    },
  )
