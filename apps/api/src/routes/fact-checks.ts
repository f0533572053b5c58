import {
  AppError,
  FactCheckFacetsSchema,
  FactCheckImportQuerySchema,
  FactCheckImportResultSchema,
  FactCheckListQuerySchema,
  FactCheckListSchema,
  FactCheckSchema,
  IdParamSchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { FACT_CHECK_IMPORT_LIMIT } from '../middleware/request-guards.ts'
import { requireRole } from '../middleware/roles.ts'
import {
  factCheckFacets,
  getFactCheck,
  importFactChecks,
  importFormatOf,
  listFactChecks,
} from '../services/fact-checks.ts'
import { errorResponses, jsonResponse, newRouter, SIGNED_IN, serviceContext, tagged } from './route-kit.ts'

// Plain JSON Schemas, not zod: the body is read by the ClaimReview reader, not validated as JSON here.
const CLAIM_REVIEW_JSON = {
  description:
    'schema.org ClaimReview: one object, a list, an object with an @graph, or a DataFeed whose dataFeedElement items hold them',
}
const CLAIM_REVIEW_PAGE = {
  type: 'string' as const,
  description: 'An HTML page whose JSON-LD script blocks (type application/ld+json) hold ClaimReview',
}

export const factCheckRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/fact-checks/import',
      operationId: 'importFactChecks',
      summary: "Bring in other desks' ClaimReviews: JSON-LD, JSON or an HTML page (editor)",
      description:
        `Up to ${FACT_CHECK_IMPORT_LIMIT / (1024 * 1024)} MiB. A fact-check is known by its url: a new one is created, one whose ` +
        'fields changed is updated (version + 1), one that is the same is counted unchanged. Everything is ' +
        'written in one transaction; items that cannot be read are skipped with their reasons ' +
        '(index counts the ClaimReviews found in the body, from 0). A body with no ClaimReview that can be ' +
        'read at all (not JSON, no JSON-LD in the page) is 400. `baseUrl` names where the body came from, ' +
        'so relative links in it can be read.',
      tags: ['fact-checks'],
      security: SIGNED_IN,
      middleware: requireRole('editor'),
      request: {
        query: FactCheckImportQuerySchema,
        body: {
          required: true,
          content: {
            'application/ld+json': { schema: CLAIM_REVIEW_JSON },
            'application/json': { schema: CLAIM_REVIEW_JSON },
            'text/html': { schema: CLAIM_REVIEW_PAGE },
          },
        },
      },
      responses: {
        200: jsonResponse(FactCheckImportResultSchema, 'What was created, updated, unchanged and skipped'),
        ...errorResponses(
          'validation_failed',
          'unauthenticated',
          'forbidden',
          'payload_too_large',
          'unsupported_media_type',
        ),
      },
    }),
    async (c) => {
      const format = importFormatOf(c.req.header('content-type'))
      // The request guards let only these types through; this is their second line.
      if (format === null)
        throw new AppError('unsupported_media_type', 'The body must be JSON-LD, JSON or HTML.')
      const ctx = serviceContext(c)
      const { baseUrl } = c.req.valid('query')
      const result = await importFactChecks(
        ctx.db,
        { body: await c.req.text(), format, ...(baseUrl ? { baseUrl } : {}) },
        { actorId: ctx.actor.id, feedId: null, now: ctx.now },
      )
      return c.json(result, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/fact-checks',
      operationId: 'listFactChecks',
      summary: "Other desks' fact-checks, newest review first",
      description:
        'Filters: q (full text over the claim and the publisher’s name, read as GET /api/search reads it), ' +
        'publisher (exact name), language, rating (one of our ratings, or `none` for ratings that do not map ' +
        'onto our scale). Ordered by review date, newest first (none last), then id; paged with limit and cursor.',
      tags: ['fact-checks'],
      security: SIGNED_IN,
      request: { query: FactCheckListQuerySchema },
      responses: {
        200: jsonResponse(FactCheckListSchema, 'A page of fact-checks'),
        ...errorResponses('validation_failed', 'unauthenticated'),
      },
    }),
    async (c) => c.json(await listFactChecks(c.get('deps').db, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/fact-checks/facets',
      operationId: 'factCheckFacets',
      summary: 'The publishers and languages of the fact-checks, with their counts, for the list’s filters',
      tags: ['fact-checks'],
      security: SIGNED_IN,
      responses: {
        200: jsonResponse(FactCheckFacetsSchema, 'Publishers and languages, most fact-checks first'),
        ...errorResponses('unauthenticated'),
      },
    }),
    async (c) => c.json(await factCheckFacets(c.get('deps').db), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/fact-checks/{id}',
      operationId: 'getFactCheck',
      summary: 'One fact-check',
      tags: ['fact-checks'],
      security: SIGNED_IN,
      request: { params: IdParamSchema },
      responses: {
        200: jsonResponse(FactCheckSchema, 'The fact-check'),
        ...errorResponses('unauthenticated', 'not_found'),
      },
    }),
    async (c) => c.json(tagged(c, await getFactCheck(c.get('deps').db, c.req.valid('param').id)), 200),
  )
