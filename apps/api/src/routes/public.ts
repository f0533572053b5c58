import { toClaimReviewFeed } from '@counterclaim/domain'
import { ClaimReviewFeedSchema, ClaimReviewSchema, PageQuerySchema } from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { getPublicVerdict, listPublicVerdicts } from '../services/public-verdicts.ts'
import { errorResponses, newRouter, PUBLIC, publishingOf } from './route-kit.ts'

const LD_JSON = 'application/ld+json; charset=UTF-8'

const ldResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/ld+json': { schema } },
})

const ClaimIdParamSchema = z.object({ claimId: z.string().min(1).max(100) })

export const publicRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/public/verdicts',
      operationId: 'listPublicVerdicts',
      summary: 'Published verdicts as a schema.org DataFeed of ClaimReviews, newest first (public)',
      description:
        'Signed out. `?limit` (1–500, default 50) and `?cursor` page it; the next page is in a ' +
        '`Link: <…>; rel="next"` header, absent on the last page.',
      tags: ['public'],
      security: PUBLIC,
      request: { query: PageQuerySchema },
      responses: {
        200: {
          ...ldResponse(ClaimReviewFeedSchema, 'A page of the feed'),
          headers: {
            Link: {
              description: 'The next page, as `<url>; rel="next"`, when there is one',
              schema: { type: 'string' },
            },
          },
        },
        ...errorResponses('validation_failed'),
      },
    }),
    async (c) => {
      const query = c.req.valid('query')
      const publishing = publishingOf(c)
      const { reviews, nextCursor } = await listPublicVerdicts(c.get('deps').db, query, publishing)
      if (nextCursor) {
        const next = new URL(`${publishing.baseUrl}/api/public/verdicts`)
        next.searchParams.set('limit', String(query.limit))
        next.searchParams.set('cursor', nextCursor)
        c.header('Link', `<${next.href}>; rel="next"`)
      }
      return c.json(toClaimReviewFeed({ reviews, ...publishing }), 200, { 'Content-Type': LD_JSON })
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/public/verdicts/{claimId}',
      operationId: 'getPublicVerdict',
      summary: "A claim's published verdict as schema.org ClaimReview JSON-LD (public)",
      description:
        'Signed out, from the snapshot taken when the verdict was published or last corrected. 404 unless the ' +
        'verdict is published; 410 once it was withdrawn, with the notice (withdrawnAt, note) in details.',
      tags: ['public'],
      security: PUBLIC,
      request: { params: ClaimIdParamSchema },
      responses: {
        200: ldResponse(ClaimReviewSchema, 'The ClaimReview'),
        ...errorResponses('validation_failed', 'not_found', 'gone'),
      },
    }),
    async (c) => {
      const view = await getPublicVerdict(c.get('deps').db, c.req.valid('param').claimId, publishingOf(c))
      return c.json(view.review, 200, { 'Content-Type': LD_JSON })
    },
  )
