import { IdParamSchema, MatchesQuerySchema, MatchesSchema } from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { findClaimMatches, findMatches } from '../services/matches.ts'
import { errorResponses, jsonResponse, newRouter, SIGNED_IN } from './route-kit.ts'

const HOW =
  'Lexical and multilingual: word order, case, accents, punctuation, singular and plural and common inflections do not hide a match; numbers count ("479 drones" is not "300 drones"). Best first, at most 10 claims and 10 fact-checks, each scoring at least 0.6, with the words that match marked. At equal scores, those in the asked language come first. Claims of archived disputes and archived claims never match.'

export const matchRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/matches',
      operationId: 'findMatches',
      summary: 'Claims on this desk and other desks’ fact-checks that say the same as a text',
      description: `For a claim being typed. ${HOW}`,
      tags: ['matching'],
      security: SIGNED_IN,
      request: { query: MatchesQuerySchema },
      responses: {
        200: jsonResponse(MatchesSchema, 'The matches'),
        ...errorResponses('validation_failed', 'unauthenticated'),
      },
    }),
    async (c) => c.json(await findMatches(c.get('deps').db, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/claims/{id}/matches',
      operationId: 'findClaimMatches',
      summary: 'Other claims and fact-checks that say the same as a claim',
      description: `The claim's text in its language; the claim itself never matches. Claims it is already linked to are among the matches (GET /api/claims/{id}/links says which). ${HOW}`,
      tags: ['matching'],
      security: SIGNED_IN,
      request: { params: IdParamSchema },
      responses: {
        200: jsonResponse(MatchesSchema, 'The matches'),
        ...errorResponses('validation_failed', 'unauthenticated', 'not_found'),
      },
    }),
    async (c) => c.json(await findClaimMatches(c.get('deps').db, c.req.valid('param').id), 200),
  )
