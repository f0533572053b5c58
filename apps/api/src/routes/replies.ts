import {
  IdParamSchema,
  ReplyAttemptCreateSchema,
  ReplyAttemptListQuerySchema,
  ReplyAttemptListSchema,
  ReplyAttemptPatchSchema,
  ReplyAttemptSchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { createReply, listReplies, updateReply } from '../services/replies.ts'
import {
  errorResponses,
  IfMatchHeaderSchema,
  jsonBody,
  jsonResponse,
  newRouter,
  readIfMatch,
  SIGNED_IN,
  serviceContext,
  tagged,
} from './route-kit.ts'

/** The right of reply: each claim's log of attempts to reach its claimant for comment. */
export const replyRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/claims/{id}/replies',
      operationId: 'listReplies',
      summary: "A claim's right-of-reply log, in the order the desk asked",
      tags: ['replies'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, query: ReplyAttemptListQuerySchema },
      responses: {
        200: jsonResponse(ReplyAttemptListSchema, 'The log'),
        ...errorResponses('validation_failed', 'unauthenticated', 'not_found'),
      },
    }),
    async (c) => {
      const ctx = serviceContext(c)
      const items = await listReplies(ctx.db, c.req.valid('param').id, {
        archived: c.req.valid('query').archived === '1',
      })
      return c.json({ items }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/claims/{id}/replies',
      operationId: 'createReply',
      summary: 'Log an attempt to reach the claimant for comment',
      tags: ['replies'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, ...jsonBody(ReplyAttemptCreateSchema) },
      responses: {
        201: jsonResponse(ReplyAttemptSchema, 'The new entry'),
        200: jsonResponse(ReplyAttemptSchema, 'A retried create: the entry made before'),
        ...errorResponses(
          'validation_failed',
          'unauthenticated',
          'not_found',
          'conflict',
          'unsupported_media_type',
        ),
      },
    }),
    async (c) => {
      const { record, created } = await createReply(
        serviceContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      )
      return created ? c.json(tagged(c, record), 201) : c.json(tagged(c, record), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/replies/{id}',
      operationId: 'updateReply',
      summary: 'Record the reply, correct an entry, or take a mistaken one off the log with {archived: true}',
      tags: ['replies'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(ReplyAttemptPatchSchema) },
      responses: {
        200: jsonResponse(ReplyAttemptSchema, 'The changed entry'),
        ...errorResponses(
          'validation_failed',
          'unauthenticated',
          'not_found',
          'conflict',
          'precondition_failed',
          'precondition_required',
          'unsupported_media_type',
        ),
      },
    }),
    async (c) =>
      c.json(
        tagged(
          c,
          await updateReply(serviceContext(c), c.req.valid('param').id, readIfMatch(c), c.req.valid('json')),
        ),
        200,
      ),
  )
