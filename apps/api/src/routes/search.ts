import { SearchQuerySchema, SearchResultSchema } from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { search } from '../services/search.ts'
import { errorResponses, jsonResponse, newRouter, SIGNED_IN } from './route-kit.ts'

export const searchRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/search',
    operationId: 'search',
    summary:
      "Full-text search over claims, claimants, evidence, verdicts and other desks' fact-checks, ranked, with snippets",
    description:
      'Every word of q must match (the last also as a prefix); what is typed is never read as query syntax. Hits are ranked by bm25 among the newest 1,000 matches.',
    tags: ['search'],
    security: SIGNED_IN,
    request: { query: SearchQuerySchema },
    responses: {
      200: jsonResponse(SearchResultSchema, 'The best hits'),
      ...errorResponses('validation_failed', 'unauthenticated'),
    },
  }),
  async (c) => c.json(await search(c.get('deps').db, c.req.valid('query')), 200),
)
