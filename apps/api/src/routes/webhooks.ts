import {
  IdParamSchema,
  PageQuerySchema,
  WebhookCreateSchema,
  WebhookDeliveryListSchema,
  WebhookDeliverySchema,
  WebhookListSchema,
  WebhookSchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { requireRole } from '../middleware/roles.ts'
import { archiveWebhook, createWebhook, listDeliveries, listWebhooks } from '../services/webhooks.ts'
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

const admin = requireRole('admin')

const DeliveryParamSchema = z.object({
  id: z.string().min(1).max(100),
  deliveryId: z.string().min(1).max(100),
})

export const webhookRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/webhooks',
      operationId: 'listWebhooks',
      summary: 'The webhooks verdict events are sent to, oldest first (admin)',
      description:
        'Removed webhooks are left out. The secret is never shown: secretHint is its last four characters.',
      tags: ['webhooks'],
      security: SIGNED_IN,
      middleware: admin,
      request: { query: PageQuerySchema },
      responses: {
        200: jsonResponse(WebhookListSchema, 'A page of webhooks'),
        ...errorResponses('validation_failed', 'unauthenticated', 'forbidden'),
      },
    }),
    async (c) => c.json(await listWebhooks(c.get('deps').db, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/webhooks',
      operationId: 'createWebhook',
      summary:
        'Register a webhook: a URL, the events it receives and the secret deliveries are signed with (admin)',
      description:
        'The URL must reach a public address (a private, loopback or link-local one is 400 unless ' +
        'COUNTERCLAIM_ALLOW_PRIVATE_TARGETS is on); it is checked again at every delivery. The answer ' +
        'does not repeat the secret.',
      tags: ['webhooks'],
      security: SIGNED_IN,
      middleware: admin,
      request: jsonBody(WebhookCreateSchema),
      responses: {
        201: jsonResponse(WebhookSchema, 'The new webhook'),
        ...errorResponses('validation_failed', 'unauthenticated', 'forbidden', 'unsupported_media_type'),
      },
    }),
    async (c) => {
      const { config } = c.get('deps')
      const webhook = await createWebhook(serviceContext(c), c.req.valid('json'), {
        allowPrivate: config.allowPrivateTargets,
      })
      return c.json(tagged(c, webhook), 201)
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/webhooks/{id}',
      operationId: 'archiveWebhook',
      summary: 'Remove a webhook: it is archived, nothing more is sent to it (admin)',
      description:
        'Needs If-Match. Answers the archived webhook. Its deliveries stay listed; those still waiting ' +
        'are marked failed. A webhook already removed is 409.',
      tags: ['webhooks'],
      security: SIGNED_IN,
      middleware: admin,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema },
      responses: {
        200: jsonResponse(WebhookSchema, 'The archived webhook'),
        ...errorResponses(
          'unauthenticated',
          'forbidden',
          'not_found',
          'conflict',
          'precondition_failed',
          'precondition_required',
        ),
      },
    }),
    async (c) =>
      c.json(
        tagged(c, await archiveWebhook(serviceContext(c), c.req.valid('param').id, readIfMatch(c))),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/webhooks/{id}/deliveries',
      operationId: 'listWebhookDeliveries',
      summary:
        "A webhook's deliveries with their status and the receiver's last answer, newest first (admin)",
      description: 'A removed webhook’s deliveries are listed too.',
      tags: ['webhooks'],
      security: SIGNED_IN,
      middleware: admin,
      request: { params: IdParamSchema, query: PageQuerySchema },
      responses: {
        200: jsonResponse(WebhookDeliveryListSchema, 'A page of deliveries'),
        ...errorResponses('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
      },
    }),
    async (c) =>
      c.json(await listDeliveries(c.get('deps').db, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/webhooks/{id}/deliveries/{deliveryId}/retry',
      operationId: 'retryWebhookDelivery',
      summary: 'Send a delivery again now, a failed one too; answers it after the attempt (admin)',
      description:
        'Needs no If-Match: a retry changes the delivery’s state, not what an admin set. An acknowledged ' +
        'delivery is 409 (it is never sent twice), as is one being sent right now or one whose webhook ' +
        'was removed.',
      tags: ['webhooks'],
      security: SIGNED_IN,
      middleware: admin,
      request: { params: DeliveryParamSchema },
      responses: {
        200: jsonResponse(WebhookDeliverySchema, 'The delivery after the attempt'),
        ...errorResponses('unauthenticated', 'forbidden', 'not_found', 'conflict'),
      },
    }),
    async (c) => {
      const { id, deliveryId } = c.req.valid('param')
      return c.json(await c.get('deps').webhooks.retryNow(id, deliveryId), 200)
    },
  )
