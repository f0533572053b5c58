// `npm start` serves from dist/server/server.mjs, an esbuild bundle of the server run by plain Node
// (scripts/start.ts). Every other test runs the TypeScript sources under tsx; this one builds the
// bundle and runs it, so a bundle that cannot start (a path that moved, a package that does not
// bundle) fails here rather than on a user's first start.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildServerBundle } from '../../scripts/server-bundle.ts'
import { TEST_ACCOUNTS } from '../support/accounts.ts'
import { type ServerHandle, startServer } from '../support/server.ts'

const REPO = fileURLToPath(new URL('../../', import.meta.url))

// Inside the checkout, as dist/server/ is: the bundle's npm imports resolve from its node_modules.
// A fresh clone has no dist/ yet.
mkdirSync(join(REPO, 'dist'), { recursive: true })
const outDir = mkdtempSync(join(REPO, 'dist/bundle-test-'))
let server: ServerHandle | undefined
let url = ''

beforeAll(async () => {
  const bundle = join(outDir, 'server.mjs')
  await buildServerBundle(REPO, bundle)
  // A working directory outside the checkout: the bundle finds migrations and views from its own place.
  server = await startServer({ bundle, cwd: tmpdir() })
  url = server.url
})

afterAll(async () => {
  await server?.stop('SIGKILL')
  rmSync(outDir, { recursive: true, force: true })
})

test('the bundled server answers its health check, serves the app shell and the public CSS, and signs in', async () => {
  const health = await fetch(`${url}/api/health`)
  expect(health.status).toBe(200)
  expect(await health.json()).toEqual({ status: 'ok' })

  const shell = await fetch(`${url}/`)
  expect(shell.status).toBe(200)
  expect(shell.headers.get('content-type')).toContain('text/html')
  expect(await shell.text()).toContain('<div id="root">')

  const css = await fetch(`${url}/v/public.css`)
  expect(css.status).toBe(200)
  expect(css.headers.get('content-type')).toContain('text/css')

  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_ACCOUNTS.admin),
  })
  expect(login.status).toBe(200)
})

test('the bundled server imports a claim-log CSV through its worker and reads it back through its read pool, both built beside it', async () => {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_ACCOUNTS.editor),
  })
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const res = await fetch(`${url}/api/claim-log/import`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'text/csv' },
    body: 'dispute_title,claimant,claim_text\r\nBundled import,Bundle Claimant,A claim brought in by the bundle\r\n',
  })
  expect(res.status, await res.clone().text()).toBe(200)
  expect(await res.json()).toMatchObject({ rows: 1, created: { claims: 1, disputes: 1, claimants: 1 } })
  // Read back at once by the read pool's workers (sqlite-read-worker.mjs, built beside it too).
  const log = await fetch(`${url}/api/claim-log?q=${encodeURIComponent('brought in by the bundle')}`, {
    headers: { cookie },
  })
  expect(log.status, await log.clone().text()).toBe(200)
  expect((await log.json()).items.map((row: { claimText: string }) => row.claimText)).toEqual([
    'A claim brought in by the bundle',
  ])
  const refused = await fetch(`${url}/api/claim-log/import`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'text/csv' },
    body: 'dispute_title,claimant,claim_text\r\nBundled import,Bundle Claimant,\r\n',
  })
  expect(refused.status).toBe(400)
  expect((await refused.json()).error.details).toEqual([
    { line: 2, column: 'claim_text', message: 'must not be empty' },
  ])
})

test('the bundled server shuts down cleanly on SIGTERM', async () => {
  if (!server) throw new Error('no server')
  expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null })
  expect(server.output()).toContain('SIGTERM: finishing requests in flight')
})
