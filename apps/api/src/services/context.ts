import type { Db } from '@counterclaim/db'
import type { SessionUser } from '@counterclaim/shared'
import type { Publishing } from './public-verdicts.ts'
import type { Clock } from './throttle.ts'

/** Who acts, on which database, at what time: what every use-case needs. */
export interface ServiceContext {
  db: Db
  actor: SessionUser
  now: string
  /** Whether notifications written now are also to be e-mailed (COUNTERCLAIM_SMTP_URL is set). */
  emailNotifications?: boolean
  /** The organisation and base URL public answers name: what a webhook's ClaimReview carries. */
  publishing?: Publishing
  /** COUNTERCLAIM_TWO_SOURCE_RULE: publishing refuses cited evidence from fewer than two independent origins. */
  twoSourceRule?: boolean
}

/** A fresh timestamp for a write, by the clock given (the wall clock when none is). */
export function nowIso(now: Clock = Date.now): string {
  return new Date(now()).toISOString()
}
