import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from '@counterclaim/db'
import { AppError } from '@counterclaim/shared'
import { type Context, Hono } from 'hono'
import { getPublicDispute } from '../services/public-dispute.ts'
import { getPublicVerdict, type WithdrawalNotice } from '../services/public-verdicts.ts'
import { renderDisputePage } from '../views/dispute-page.ts'
import {
  PUBLIC_CSS_PATH,
  renderNotFoundPage,
  renderVerdictPage,
  renderWithdrawnPage,
} from '../views/verdict-page.ts'
import type { AppEnv } from './route-kit.ts'
import { publishingOf } from './route-kit.ts'

/** The day of the request's clock (YYYY-MM-DD): whether a reply deadline has passed reads it. */
export function todayOf(c: Context<AppEnv>): string {
  return new Date((c.get('deps').now ?? Date.now)()).toISOString().slice(0, 10)
}

// From the checkout's root, so that it is found from the sources and from the server bundle alike.
const css = readFileSync(join(repoRoot(), 'apps/api/src/views/public.css'), 'utf8')

/**
 * The signed-out page of a dispute, /d/:disputeId (its published claims side by side), and of a published
 * verdict, /v/:claimId, rendered on the server so that it
 * works without scripts and carries its ClaimReview JSON-LD for crawlers. Outside /api, so it is
 * not part of the OpenAPI document.
 */
export const publicPageRoutes = new Hono<AppEnv>()
  .get(PUBLIC_CSS_PATH, (c) =>
    c.body(css, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    }),
  )
  .get('/d/:disputeId', async (c) => {
    const publishing = publishingOf(c)
    try {
      const view = await getPublicDispute(c.get('deps').db, c.req.param('disputeId'), publishing)
      return c.html(renderDisputePage(view, publishing, todayOf(c)), 200)
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') {
        return c.html(renderNotFoundPage(publishing), 404)
      }
      throw err
    }
  })
  .get('/v/:claimId', async (c) => {
    const publishing = publishingOf(c)
    try {
      const view = await getPublicVerdict(c.get('deps').db, c.req.param('claimId'), publishing)
      return c.html(renderVerdictPage(view, publishing, todayOf(c)), 200)
    } catch (err) {
      if (err instanceof AppError && err.code === 'gone') {
        return c.html(renderWithdrawnPage(err.details as WithdrawalNotice, publishing), 200)
      }
      if (err instanceof AppError && err.code === 'not_found') {
        return c.html(renderNotFoundPage(publishing), 404)
      }
      throw err
    }
  })
