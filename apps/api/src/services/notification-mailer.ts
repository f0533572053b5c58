// E-mail of notifications, when COUNTERCLAIM_SMTP_URL is set: a notification written while it is set is
// marked 'pending' (notifications.ts, notify); this poller sends each one to its person's address, and
// tries again later when the mail server cannot take it. One poller per server process, started by
// server.ts; tests build one without its timer and call tick() themselves.
import { and, asc, type Db, eq, isNull, lte, or, tables } from '@counterclaim/db'
import { createTransport, type Transporter } from 'nodemailer'
import { nowIso } from './context.ts'
import { Ticker, type WorkerOptions } from './ticker.ts'
import type { WriteGate } from './write-gate.ts'

/** Sends after the first one that fail; the fifth failure in a row gives up on that notification. */
export const MAX_EMAIL_ATTEMPTS = 5
/** The wait after the first failure; each later one doubles it (1, 2, 4, 8 minutes). */
export const FIRST_RETRY_MS = 60_000
/**
 * How long a claimed notification is held for the process that claimed it. A process that dies
 * mid-send leaves it to be claimed again once this has passed.
 */
const LEASE_MS = 10 * 60_000
const BATCH = 50

export interface NotificationMailerOptions extends WorkerOptions {
  /** smtp://[user:password@]host:port, or smtps:// for TLS from the start. */
  smtpUrl: string
  /** The From: of every mail. */
  from: string
  /** Where the links in a mail point: the app's public address. */
  publicBaseUrl: string
}

/** What a tick did with the notifications it claimed. */
export interface MailTickReport {
  sent: string[]
  /** Failed this time, to be tried again later. */
  retrying: string[]
  /** Failed for the last time: given up. */
  failed: string[]
}

type Due = { id: string; emailNextAt: string | null }

/** Sends the notifications whose e-mail is due, one tick at a time. */
export class NotificationMailer {
  private readonly db: Db
  private readonly gate: WriteGate
  private readonly from: string
  private readonly publicBaseUrl: string
  private readonly now: () => number
  private readonly log: (line: string) => void
  private readonly transport: Transporter
  private readonly ticker: Ticker<MailTickReport>

  constructor(options: NotificationMailerOptions) {
    this.db = options.db
    this.gate = options.gate
    this.from = options.from
    this.publicBaseUrl = options.publicBaseUrl.replace(/\/+$/, '')
    this.now = options.now ?? Date.now
    this.log = options.log ?? ((line) => console.error(line))
    // Short waits: a mail server that does not answer is tried again on a later tick, not waited for.
    this.transport = createTransport({
      url: options.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    })
    this.ticker = new Ticker({
      run: () => this.runTick(),
      onError: (error) => this.log(`notification mailer: a tick failed: ${describe(error)}`),
    })
  }

  /** Ticks now and then every `everyMs`, until stop(). */
  start(everyMs = 15_000): void {
    this.ticker.start(everyMs)
  }

  /** Stops the timer, waits for the tick under way, and closes the mail server's connections. */
  async stop(): Promise<void> {
    await this.ticker.stop()
    this.transport.close()
  }

  /**
   * Sends every notification due now: pending, and never tried or due to be tried again. Each is
   * claimed first with a conditional update, so two processes never send one at the same time.
   */
  tick(): Promise<MailTickReport> {
    return this.ticker.tick()
  }

  private async runTick(): Promise<MailTickReport> {
    const report: MailTickReport = { sent: [], retrying: [], failed: [] }
    const n = tables.notifications
    const due: Due[] = await this.db
      .select({ id: n.id, emailNextAt: n.emailNextAt })
      .from(n)
      .where(
        and(eq(n.emailState, 'pending'), or(isNull(n.emailNextAt), lte(n.emailNextAt, nowIso(this.now)))),
      )
      .orderBy(asc(n.emailNextAt), asc(n.id))
      .limit(BATCH)
    for (const row of due) {
      const claimed = await this.claim(row)
      if (!claimed) continue
      const outcome = await this.send(claimed)
      report[outcome].push(claimed.id)
    }
    return report
  }

  /** Takes a due notification for this process: null when another took it first. */
  private async claim(row: Due) {
    const n = tables.notifications
    const now = this.now()
    const [claimed] = await this.gate.run(() =>
      this.db
        .update(n)
        .set({ emailNextAt: new Date(now + LEASE_MS).toISOString() })
        .where(
          and(
            eq(n.id, row.id),
            eq(n.emailState, 'pending'),
            row.emailNextAt === null ? isNull(n.emailNextAt) : eq(n.emailNextAt, row.emailNextAt),
          ),
        )
        .returning(),
    )
    return claimed ?? null
  }

  private async send(row: typeof tables.notifications.$inferSelect): Promise<keyof MailTickReport> {
    const n = tables.notifications
    const attempts = row.emailAttempts + 1
    let failure: string
    try {
      const [person] = await this.db
        .select({ email: tables.users.email, name: tables.users.name, disabledAt: tables.users.disabledAt })
        .from(tables.users)
        .where(eq(tables.users.id, row.userId))
      if (!person || person.disabledAt !== null) {
        await this.gate.run(() =>
          this.db
            .update(n)
            .set({
              emailState: 'failed',
              emailNextAt: null,
              emailError: 'The account was disabled, so nothing was sent.',
            })
            .where(eq(n.id, row.id)),
        )
        return 'failed'
      }
      await this.transport.sendMail({
        from: this.from,
        to: { name: person.name, address: person.email },
        subject: row.message,
        text: this.body(row),
      })
      await this.gate.run(() =>
        this.db
          .update(n)
          .set({ emailState: 'sent', emailAttempts: attempts, emailNextAt: null, emailError: null })
          .where(eq(n.id, row.id)),
      )
      return 'sent'
    } catch (error) {
      failure = describe(error)
    }
    const last = attempts >= MAX_EMAIL_ATTEMPTS
    const retryAt = new Date(this.now() + FIRST_RETRY_MS * 2 ** (attempts - 1)).toISOString()
    const words = `The mail server did not take it (try ${attempts} of ${MAX_EMAIL_ATTEMPTS}): ${failure}`
    this.log(`notification mailer: notification ${row.id}: ${words}`)
    await this.gate.run(() =>
      this.db
        .update(n)
        .set({
          emailState: last ? 'failed' : 'pending',
          emailAttempts: attempts,
          emailNextAt: last ? null : retryAt,
          emailError: words,
        })
        .where(eq(n.id, row.id)),
    )
    return last ? 'failed' : 'retrying'
  }

  /** The mail's text: what happened, the note that came with it, and where to see it. */
  private body(row: typeof tables.notifications.$inferSelect): string {
    const parts = [row.message]
    if (row.note) parts.push(row.note)
    if (row.disputeId) parts.push(`Open it: ${this.publicBaseUrl}/disputes/${row.disputeId}`)
    return `${parts.join('\n\n')}\n`
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
