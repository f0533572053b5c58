import {
  CommentCreateSchema,
  CommentListSchema,
  CommentSchema,
  IdParamSchema,
  PageQuerySchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { createComment, listComments } from '../services/comments.ts'
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  newRouter,
  SIGNED_IN,
  serviceContext,
  tagged,
} from './route-kit.ts'

export const commentRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/disputes/{id}/comments',
      operationId: 'listComments',
      summary: "A dispute's comments, oldest first",
      tags: ['comments'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, query: PageQuerySchema },
      responses: {
        200: jsonResponse(CommentListSchema, 'A page of comments'),
        ...errorResponses('validation_failed', 'unauthenticated', 'not_found'),
      },
    }),
    async (c) => {
      const ctx = serviceContext(c)
      return c.json(await listComments(ctx.db, c.req.valid('param').id, c.req.valid('query')), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/disputes/{id}/comments',
      operationId: 'createComment',
      summary: 'Comment on a dispute, or on one of its claims or evidence items; @ mentions notify',
      tags: ['comments'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, ...jsonBody(CommentCreateSchema) },
      responses: {
        201: jsonResponse(CommentSchema, 'The new comment'),
        200: jsonResponse(CommentSchema, 'A retried create: the comment made before'),
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
      const { record, created } = await createComment(
        serviceContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      )
      return created ? c.json(tagged(c, record), 201) : c.json(tagged(c, record), 200)
    },
  )
