import {
  ClaimLinkCreateSchema,
  ClaimLinkListSchema,
  ClaimLinkSchema,
  IdParamSchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { archiveClaimLink, createClaimLink, listClaimLinks } from '../services/claim-links.ts'
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

export const claimLinkRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/claims/{id}/links',
      operationId: 'listClaimLinks',
      summary: "A claim's links: the same claim elsewhere on the desk, and other desks' fact-checks of it",
      description:
        'Live links, oldest first. A "same claim" link shows on both claims: read from either, linkedClaim is the other one.',
      tags: ['matching'],
      security: SIGNED_IN,
      request: { params: IdParamSchema },
      responses: {
        200: jsonResponse(ClaimLinkListSchema, 'The links'),
        ...errorResponses('validation_failed', 'unauthenticated', 'not_found'),
      },
    }),
    async (c) => c.json(await listClaimLinks(c.get('deps').db, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/claims/{id}/links',
      operationId: 'createClaimLink',
      summary: 'Link a claim: {linkedClaimId} "same claim as", or {factCheckId} "checked by"',
      description:
        'A second live link of the same pair (either way round for "same claim") is 409 with the existing link in details; a claim linked to itself is 400.',
      tags: ['matching'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, ...jsonBody(ClaimLinkCreateSchema) },
      responses: {
        201: jsonResponse(ClaimLinkSchema, 'The new link'),
        ...errorResponses(
          'validation_failed',
          'unauthenticated',
          'not_found',
          'conflict',
          'unsupported_media_type',
        ),
      },
    }),
    async (c) =>
      c.json(
        tagged(c, await createClaimLink(serviceContext(c), c.req.valid('param').id, c.req.valid('json'))),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/claim-links/{id}',
      operationId: 'archiveClaimLink',
      summary: 'Unlink: archive a link (If-Match); linking the same again is the undo',
      tags: ['matching'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema },
      responses: {
        200: jsonResponse(ClaimLinkSchema, 'The archived link'),
        ...errorResponses(
          'validation_failed',
          'unauthenticated',
          'not_found',
          'conflict',
          'precondition_failed',
          'precondition_required',
        ),
      },
    }),
    async (c) =>
      c.json(
        tagged(c, await archiveClaimLink(serviceContext(c), c.req.valid('param').id, readIfMatch(c))),
        200,
      ),
  )
