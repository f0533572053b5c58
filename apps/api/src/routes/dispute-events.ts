import { DisputeEventsQuerySchema, EventSeqSchema, IdParamSchema } from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { getCookie } from 'hono/cookie'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import { endsWhenClientLeaves } from '../middleware/request-log.ts'
import { bearerToken, SESSION_COOKIE } from '../middleware/session.ts'
import type { StreamItem } from '../services/dispute-events.ts'
import { getDispute } from '../services/disputes.ts'
import { actorOf, errorResponses, newRouter, SIGNED_IN } from './route-kit.ts'

// How long a stream may say nothing: a comment then keeps proxies from closing it as idle, and the
// session or token is checked again (a signed-out, revoked or disabled user's streams end).
const KEEPALIVE_MS = 15_000
// How long a browser waits before it connects again after the stream drops.
const RETRY_MS = 1000

const STREAM_DESCRIPTION = [
  'Server-sent events, first `retry: 1000`, then:',
  '- a change inside the dispute: an unnamed event (`message`) whose `id:` is its seq and whose `data:` is',
  '  one DisputeEvent as JSON `{seq, entity, id, version, action, actor, at, claimId}`, in commit order;',
  '- `event: viewers`: who has the dispute open, `data:` one DisputeViewers as JSON `{viewers: [{id, name}]}`',
  '  (distinct people by name, the caller included), sent on connecting and whenever it changes;',
  '- a `: keepalive` comment when nothing else was sent for 15 seconds.',
  'A client that connects again with Last-Event-ID (or `?lastEventId=`) is sent every change after that',
  'seq first, with no gap and no repeat; without it, the stream starts at the next change.',
].join('\n')

export const disputeEventRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/disputes/{id}/events',
    operationId: 'streamDisputeEvents',
    summary: "A dispute's live changes and who has it open, as server-sent events",
    tags: ['disputes'],
    security: SIGNED_IN,
    request: {
      params: IdParamSchema,
      query: DisputeEventsQuerySchema,
      headers: z.object({
        'last-event-id': EventSeqSchema.optional().meta({
          description: 'The id of the last event received: the stream resumes after it',
        }),
      }),
    },
    responses: {
      200: {
        description: STREAM_DESCRIPTION,
        content: { 'text/event-stream': { schema: z.string().meta({ description: STREAM_DESCRIPTION }) } },
      },
      ...errorResponses('validation_failed', 'unauthenticated', 'not_found'),
    },
  }),
  async (c) => {
    const deps = c.get('deps')
    const user = actorOf(c)
    const { id } = c.req.valid('param')
    const from = c.req.valid('header')['last-event-id'] ?? c.req.valid('query').lastEventId
    await getDispute(deps.db, id)
    const sub = await deps.events.subscribe(id, user, from === undefined ? null : Number(from))
    // A bearer request is signed in by its token alone (the session middleware ignores its cookie).
    const bearer = bearerToken(c)
    const cookie = bearer === undefined ? getCookie(c, SESSION_COOKIE) : undefined
    const stillSignedIn = async () =>
      bearer !== undefined
        ? (await deps.auth.authenticateToken(bearer, { gate: deps.gate })) !== null
        : cookie === undefined || (await deps.auth.authenticate(cookie, { touch: false })) !== null
    endsWhenClientLeaves(c)
    const signal = c.req.raw.signal
    if (signal.aborted) sub.close()
    else signal.addEventListener('abort', () => sub.close(), { once: true })
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => sub.close())
      try {
        await stream.write(`retry: ${RETRY_MS}\n\n`)
        while (!sub.closed && !stream.aborted) {
          const items = await sub.next(KEEPALIVE_MS)
          if (sub.closed) break
          if (items.length === 0) {
            // A session or token that ended meanwhile ends the stream (signed out, expired, revoked,
            // account disabled).
            if (!(await stillSignedIn())) break
            await stream.write(': keepalive\n\n')
            continue
          }
          for (const item of items) await stream.writeSSE(message(item))
        }
      } finally {
        sub.close()
      }
    })
  },
)

function message(item: StreamItem): { data: string; event?: string; id?: string } {
  if (item.kind === 'viewers') return { event: 'viewers', data: JSON.stringify(item.viewers) }
  return { id: String(item.event.seq), data: JSON.stringify(item.event) }
}
