import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../routes/route-kit.ts'
import { privateAnswers, securityHeaders } from './security-headers.ts'

function headed(https: boolean) {
  const app = new Hono<AppEnv>()
  app.use('*', securityHeaders(https), privateAnswers)
  app.get('*', (c) => c.text('ok'))
  app.post('/api/fails', (c) => c.json({ error: { code: 'internal', message: 'no' } }, 500))
  return app
}

describe('securityHeaders', () => {
  it('sends a strict CSP, nosniff and X-Frame-Options DENY, and HSTS of a year only behind HTTPS', async () => {
    for (const https of [true, false]) {
      const res = await headed(https).request('/')
      const csp = res.headers.get('content-security-policy') ?? ''
      for (const directive of [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ])
        expect(csp).toContain(directive)
      expect(csp).not.toContain('unsafe-inline')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('strict-transport-security')).toBe(
        https ? 'max-age=31536000; includeSubDomains' : null,
      )
    }
  })
})

describe('privateAnswers', () => {
  it('makes every answer under /api no-store, errors included, but health, the OpenAPI document and public verdicts', async () => {
    const app = headed(false)
    for (const path of ['/api/disputes', '/api/auth/me', '/api', '/api/publicity', '/api/health/extra'])
      expect((await app.request(path)).headers.get('cache-control'), path).toBe('no-store')
    expect((await app.request('/api/fails', { method: 'POST' })).headers.get('cache-control')).toBe(
      'no-store',
    )
    for (const path of [
      '/api/health',
      '/api/openapi.json',
      '/api/public/verdicts',
      '/',
      '/assets/x.js',
      '/v/abc',
    ])
      expect((await app.request(path)).headers.get('cache-control'), path).toBeNull()
  })
})
