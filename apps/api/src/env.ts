import { DEFAULT_READ_WORKERS, isPostgresUrl, PG_POOL_SIZE } from '@counterclaim/db'
import { LOCALES } from '@counterclaim/shared'
import { z } from 'zod'

const flag = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1')

/** A count within bounds, refused with one message that says what is expected. */
function wholeNumber(what: string, min: number, max: number) {
  const error = `expected a whole number of ${what}, ${min} to ${max}`
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error })
}

const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_PATH: z.string().min(1).default('./data/counterclaim.db'),
    // PostgreSQL instead of the SQLite file: postgres://USER[:PASSWORD]@HOST:PORT/DB (API.md, "Engines").
    DATABASE_URL: z
      .string()
      .refine(isPostgresUrl, 'expected postgres://user[:password]@host[:port]/database')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    // SQLite: worker threads that serve the claim log, search and matching, each with a read-only
    // connection of its own (docs/decisions/0020); 0 keeps every read on the main connection.
    SQLITE_READ_WORKERS: wholeNumber('worker threads', 0, 32).default(DEFAULT_READ_WORKERS),
    // PostgreSQL: connections in the server's pool (docs/decisions/0020).
    DATABASE_POOL_SIZE: wholeNumber('connections', 1, 200).default(PG_POOL_SIZE),
    PUBLIC_BASE_URL: z.url().optional(),
    COUNTERCLAIM_ORG_NAME: z.string().min(1).default('Counterclaim'),
    COUNTERCLAIM_ORG_URL: z.url().optional(),
    COUNTERCLAIM_ORG_LOGO: z.url().optional(),
    // Other pages about the organisation (Wikidata, social accounts), comma-separated: ClaimReview's sameAs.
    COUNTERCLAIM_ORG_SAME_AS: z
      .string()
      .optional()
      .transform((list) => (list ?? '').split(',').flatMap((url) => (url.trim() ? [url.trim()] : [])))
      .pipe(z.array(z.url({ protocol: /^https?$/, error: 'expected http(s) URLs separated by commas' }))),
    // The licence the ClaimReview data is published under (a URL): ClaimReview's sdLicense; none when unset.
    COUNTERCLAIM_SD_LICENSE: z
      .url({ protocol: /^https?$/, error: 'expected the http(s) URL of a licence' })
      .optional()
      .or(z.literal('').transform(() => undefined)),
    // The language the public pages (/v/, /d/) and their ClaimReview rating words are written in.
    COUNTERCLAIM_LOCALE: z
      .enum(LOCALES, {
        error: `expected one of ${LOCALES.join(', ')} (the languages the public pages are written in)`,
      })
      .default('en'),
    COUNTERCLAIM_ADMIN_EMAIL: z.email().optional(),
    COUNTERCLAIM_ADMIN_PASSWORD: z.string().min(12).optional(),
    COUNTERCLAIM_TWO_PERSON_RULE: flag.default(true),
    // Refuse to publish a verdict whose cited evidence comes from fewer than two independent origins.
    COUNTERCLAIM_TWO_SOURCE_RULE: flag.default(false),
    // The desk's default for new disputes: two checkers rate each claim blind.
    COUNTERCLAIM_INDEPENDENT_RATINGS: flag.default(false),
    COUNTERCLAIM_SEED: z.enum(['demo', 'none']).default('demo'),
    // Outbound fetches (feeds, webhooks) reach public addresses only unless this is on: tests, closed networks.
    COUNTERCLAIM_ALLOW_PRIVATE_TARGETS: flag.default(false),
    // log2 of scrypt's N; tests lower it to keep suites fast, production keeps 17.
    COUNTERCLAIM_SCRYPT_LOG_N: z.coerce.number().int().min(10).max(20).default(17),
    // Fractions are allowed (0.05 minutes is 3 s) so tests can watch a session expire.
    COUNTERCLAIM_SESSION_IDLE_MINUTES: z.coerce
      .number()
      .positive()
      .default(12 * 60),
    COUNTERCLAIM_SESSION_MAX_HOURS: z.coerce
      .number()
      .positive()
      .default(7 * 24),
    COUNTERCLAIM_WEB_DIST: z.string().optional(),
    // Where notification e-mail goes out: smtp://[user:password@]host:port (smtps: for TLS); none sends nothing.
    COUNTERCLAIM_SMTP_URL: z
      .url({ protocol: /^smtps?$/, error: 'expected smtp://[user:password@]host:port or smtps://…' })
      .optional()
      .or(z.literal('').transform(() => undefined)),
    COUNTERCLAIM_MAIL_FROM: z.string().min(3).max(300).optional(),
    // The wait before a failed webhook delivery is tried again (then doubling): one minute unless shortened,
    // for tests and closed networks that restart a server and watch the retry within seconds.
    COUNTERCLAIM_WEBHOOK_FIRST_RETRY_SECONDS: z.coerce.number().positive().default(60),
  })
  .transform((env) => {
    const publicBaseUrl = (env.PUBLIC_BASE_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/+$/, '')
    return {
      port: env.PORT,
      host: env.HOST,
      databasePath: env.DATABASE_PATH,
      databaseUrl: env.DATABASE_URL,
      sqliteReadWorkers: env.SQLITE_READ_WORKERS,
      databasePoolSize: env.DATABASE_POOL_SIZE,
      publicBaseUrl,
      // The origin browsers use when PUBLIC_BASE_URL names one; null when the server only knows its
      // own address (then the request's own origin is trusted as well).
      publicOrigin: env.PUBLIC_BASE_URL ? new URL(env.PUBLIC_BASE_URL).origin : null,
      org: {
        name: env.COUNTERCLAIM_ORG_NAME,
        url: env.COUNTERCLAIM_ORG_URL ?? publicBaseUrl,
        logo: env.COUNTERCLAIM_ORG_LOGO ?? null,
        sameAs: env.COUNTERCLAIM_ORG_SAME_AS,
        sdLicense: env.COUNTERCLAIM_SD_LICENSE ?? null,
      },
      locale: env.COUNTERCLAIM_LOCALE,
      adminEmail: env.COUNTERCLAIM_ADMIN_EMAIL ?? null,
      adminPassword: env.COUNTERCLAIM_ADMIN_PASSWORD ?? null,
      twoPersonRule: env.COUNTERCLAIM_TWO_PERSON_RULE,
      twoSourceRule: env.COUNTERCLAIM_TWO_SOURCE_RULE,
      independentRatings: env.COUNTERCLAIM_INDEPENDENT_RATINGS,
      seed: env.COUNTERCLAIM_SEED,
      allowPrivateTargets: env.COUNTERCLAIM_ALLOW_PRIVATE_TARGETS,
      scryptLogN: env.COUNTERCLAIM_SCRYPT_LOG_N,
      sessionIdleMs: env.COUNTERCLAIM_SESSION_IDLE_MINUTES * 60_000,
      sessionMaxMs: env.COUNTERCLAIM_SESSION_MAX_HOURS * 3_600_000,
      webDist: env.COUNTERCLAIM_WEB_DIST ?? null,
      smtpUrl: env.COUNTERCLAIM_SMTP_URL ?? null,
      mailFrom:
        env.COUNTERCLAIM_MAIL_FROM ??
        `${env.COUNTERCLAIM_ORG_NAME} <counterclaim@${new URL(publicBaseUrl).hostname}>`,
      webhookFirstRetryMs: env.COUNTERCLAIM_WEBHOOK_FIRST_RETRY_SECONDS * 1000,
    }
  })

export type Config = z.infer<typeof EnvSchema>

/** Reads the configuration from the environment; the only reader of process.env. */
export function readConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(source)
  if (!parsed.success) {
    // One line, so a start that fails says why in the line a supervisor's log shows.
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`invalid configuration: ${issues.join('; ')}`)
  }
  return parsed.data
}
