import { Hono } from 'hono'
import { expect, it } from 'vitest'
import type { AppEnv } from '../routes/route-kit.ts'
import { requestId } from './request-id.ts'

it('gives each request its own id, in X-Request-Id and to the handlers', async () => {
  const app = new Hono<AppEnv>()
  app.use('*', requestId)
  app.get('/', (c) => c.text(c.get('requestId')))
  const [a, b] = await Promise.all([app.request('/'), app.request('/')])
  const ids = [a?.headers.get('x-request-id'), b?.headers.get('x-request-id')]
  expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  expect(ids[0]).not.toBe(ids[1])
  expect(await a?.text()).toBe(ids[0])
})
