// The built web app over the server on PostgreSQL: the browser suite runs on SQLite, and this signed-in
// walk checks that the same pages work when DATABASE_URL names a PostgreSQL database.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { type Cluster, startCluster } from '../support/postgres-cluster.ts'
import { type ServerHandle, spawnServer } from '../support/server.ts'
import { buildPostgresTemplates } from '../support/template-db.ts'
import { expectNoSeriousA11yViolations, signInAs } from '../support/web-session.ts'

let cluster: Cluster
let server: ServerHandle
let browser: Browser

beforeAll(async () => {
  cluster = await startCluster()
  const { demo } = await buildPostgresTemplates(cluster)
  server = await spawnServer({
    database: { databaseUrl: demo, databasePath: '' },
    env: { COUNTERCLAIM_WEB_DIST: inject('webDist') },
  })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await cluster?.stop()
})

it('signs in on PostgreSQL, opens the seeded dispute, creates one, and reads the claim log', async () => {
  expect((await (await fetch(`${server.url}/api/health`)).json()).status).toBe('ok')
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  await signInAs(page, server.url, 'checker')
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Disputes' }).click()
  const question = 'What did the 10 June 2025 strikes on Kyiv and Odesa hit?'
  await page.getByRole('link', { name: question }).click()
  await page.getByRole('heading', { name: question, level: 1 }).waitFor()
  await page.getByText('Russian Ministry of Defence').first().waitFor()
  await expectNoSeriousA11yViolations(page)

  await page.goto(`${server.url}/disputes`)
  await page.getByRole('button', { name: 'New dispute' }).click()
  await page.getByLabel('Title').fill('Kherson dam, June 2023')
  await page.getByLabel('Question').fill('Who destroyed the Kakhovka dam on 6 June 2023?')
  await page.getByLabel('Tags').fill('ukraine, dam')
  await page.getByRole('button', { name: 'Create dispute' }).click()
  await page
    .getByRole('heading', { name: 'Who destroyed the Kakhovka dam on 6 June 2023?', level: 1 })
    .waitFor()
  await page.getByText('No evidence yet.').waitFor()

  await page.goto(`${server.url}/claim-log`)
  await page.getByRole('region', { name: 'Claim log rows, scrollable' }).waitFor()
  await expect.poll(() => page.getByText('Oleg Kiper').count(), { timeout: 15_000 }).toBeGreaterThan(0)
})
