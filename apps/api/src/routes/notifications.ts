import {
  NotificationListQuerySchema,
  NotificationListSchema,
  NotificationsReadResultSchema,
  NotificationsReadSchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { listNotifications, markNotificationsRead } from '../services/notifications.ts'
import { errorResponses, jsonBody, jsonResponse, newRouter, SIGNED_IN, serviceContext } from './route-kit.ts'

export const notificationRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/notifications',
      operationId: 'listNotifications',
      summary: 'My notifications, newest first, with the unread count (unread=1: only unread ones)',
      tags: ['notifications'],
      security: SIGNED_IN,
      request: { query: NotificationListQuerySchema },
      responses: {
        200: jsonResponse(NotificationListSchema, 'A page of notifications and the unread count'),
        ...errorResponses('validation_failed', 'unauthenticated'),
      },
    }),
    async (c) => {
      const ctx = serviceContext(c)
      return c.json(await listNotifications(ctx.db, ctx.actor.id, c.req.valid('query')), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/notifications/read',
      operationId: 'markNotificationsRead',
      summary: 'Mark my notifications read: {ids} or {all: true}',
      tags: ['notifications'],
      security: SIGNED_IN,
      request: jsonBody(NotificationsReadSchema),
      responses: {
        200: jsonResponse(NotificationsReadResultSchema, 'How many of my notifications are still unread'),
        ...errorResponses('validation_failed', 'unauthenticated', 'unsupported_media_type'),
      },
    }),
    async (c) => {
      const ctx = serviceContext(c)
      return c.json(await markNotificationsRead(ctx.db, ctx.actor.id, c.req.valid('json'), ctx.now), 200)
    },
  )
