import { afterEach, describe, expect, it } from 'vitest'
import { FIRST_RETRY_MS, MAX_EMAIL_ATTEMPTS } from '../../apps/api/src/services/notification-mailer.ts'
import { rawQuery } from '../../packages/db/src/index.ts'
import { TEST_ACCOUNTS } from '../support/accounts.ts'
import { ifMatch } from '../support/api.ts'
import { freePort } from '../support/free-port.ts'
import { seededClaims } from '../support/seeded-verdicts.ts'
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp-receiver.ts'
import { makeTestApp, manualClock, type TestApp } from '../support/test-app.ts'

const NOTE = 'Cite the footage from the second camera, and say who filmed it.'
const FROM = 'The Desk <desk@example.org>'

const opened: Array<{ close: () => Promise<void> }> = []
afterEach(async () => {
  for (const thing of opened.splice(0)) await thing.close()
})

async function receiver(port?: number): Promise<SmtpReceiver> {
  const r = await startSmtpReceiver(port)
  opened.push(r)
  return r
}

async function mailingApp(smtpUrl: string, clock = manualClock()) {
  const t = await makeTestApp({
    now: clock.now,
    env: { COUNTERCLAIM_SMTP_URL: smtpUrl, COUNTERCLAIM_MAIL_FROM: FROM },
  })
  if (!t.mailer) throw new Error('the app has no mailer with COUNTERCLAIM_SMTP_URL set')
  const mailer = t.mailer
  opened.push({ close: () => mailer.stop() })
  return { t, mailer, clock }
}

/** An editor returns the seeded verdict in review with a note: its author (the checker) is told. */
async function returnWithNote(t: TestApp) {
  const { inReview } = await seededClaims(t)
  if (!inReview.verdict) throw new Error('the seeded claim in review has no verdict')
  const res = await t.request(`/api/claims/${inReview.id}/verdict/return`, {
    method: 'POST',
    json: { note: NOTE },
    cookie: await t.login('editor'),
    headers: ifMatch(inReview.verdict.version),
  })
  expect(res.status, await res.clone().text()).toBe(200)
  return inReview
}

interface MailRow {
  id: string
  message: string
  email_state: string | null
  email_attempts: number
  email_next_at: string | null
  email_error: string | null
}

// The demo desk comes with notifications of its own (written before any mail was set up): these are the
// ones the return wrote.
const mailRows = (t: TestApp) =>
  rawQuery<MailRow>(
    t.db,
    "select id, message, email_state, email_attempts, email_next_at, email_error from notifications where kind = 'returned' order by created_at, id",
  )

describe('e-mail of notifications', () => {
  it('a verdict returned with a note is mailed once, to its author, with the message, the note and a link', async () => {
    const smtp = await receiver()
    const { t, mailer } = await mailingApp(smtp.url)
    const claim = await returnWithNote(t)
    const [row, ...others] = await mailRows(t)
    expect(others).toEqual([])
    expect(row).toMatchObject({ email_state: 'pending', email_attempts: 0 })
    if (!row) throw new Error('no notification was written')

    expect(await mailer.tick()).toEqual({ sent: [row.id], retrying: [], failed: [] })
    expect(smtp.mails).toHaveLength(1)
    const [mail] = smtp.mails
    expect(mail?.to).toEqual([TEST_ACCOUNTS.checker.email])
    expect(mail?.from).toBe('desk@example.org')
    expect(mail?.headers.from).toContain('The Desk')
    expect(mail?.subject).toBe(row.message)
    expect(row.message).toMatch(/^Ana Petrenko returned your verdict on “/)
    expect(mail?.text).toContain(row.message)
    expect(mail?.text).toContain(NOTE)
    expect(mail?.text).toContain(`http://127.0.0.1:3000/disputes/${claim.disputeId}`)
    expect((await mailRows(t))[0]).toMatchObject({
      email_state: 'sent',
      email_attempts: 1,
      email_next_at: null,
      email_error: null,
    })

    // Sent is sent: later ticks send nothing more.
    expect(await mailer.tick()).toEqual({ sent: [], retrying: [], failed: [] })
    expect(smtp.mails).toHaveLength(1)
  })

  it('two servers on one database send one notification once', async () => {
    const smtp = await receiver()
    const { t, mailer, clock } = await mailingApp(smtp.url)
    const other = await makeTestApp({
      database: t.database,
      now: clock.now,
      env: { COUNTERCLAIM_SMTP_URL: smtp.url, COUNTERCLAIM_MAIL_FROM: FROM },
    })
    const otherMailer = other.mailer
    if (!otherMailer) throw new Error('the second app has no mailer')
    opened.push({ close: () => otherMailer.stop() })
    await returnWithNote(t)
    const [a, b] = await Promise.all([mailer.tick(), otherMailer.tick()])
    expect(a.sent.length + b.sent.length).toBe(1)
    expect(smtp.mails).toHaveLength(1)
  })

  it('tries again later while the mail server is down, then sends', async () => {
    const port = await freePort()
    const { t, mailer, clock } = await mailingApp(`smtp://127.0.0.1:${port}`)
    await returnWithNote(t)
    const [row] = await mailRows(t)
    if (!row) throw new Error('no notification was written')

    expect(await mailer.tick()).toEqual({ sent: [], retrying: [row.id], failed: [] })
    const waiting = (await mailRows(t))[0]
    expect(waiting).toMatchObject({ email_state: 'pending', email_attempts: 1 })
    expect(waiting?.email_error).toMatch(/^The mail server did not take it \(try 1 of 5\)/)
    expect(waiting?.email_next_at).toBe(new Date(clock.now() + FIRST_RETRY_MS).toISOString())
    // Not due yet: nothing is tried.
    expect(await mailer.tick()).toEqual({ sent: [], retrying: [], failed: [] })

    const smtp = await receiver(port)
    clock.advance(FIRST_RETRY_MS)
    expect(await mailer.tick()).toEqual({ sent: [row.id], retrying: [], failed: [] })
    expect(smtp.mails).toHaveLength(1)
    expect(smtp.mails[0]?.text).toContain(NOTE)
    expect((await mailRows(t))[0]).toMatchObject({
      email_state: 'sent',
      email_attempts: 2,
      email_error: null,
    })
  })

  it(`gives up after ${MAX_EMAIL_ATTEMPTS} tries, saying why, and fails nothing else`, async () => {
    const port = await freePort()
    const { t, mailer, clock } = await mailingApp(`smtp://127.0.0.1:${port}`)
    await returnWithNote(t)
    const [row] = await mailRows(t)
    if (!row) throw new Error('no notification was written')
    for (let attempt = 1; attempt < MAX_EMAIL_ATTEMPTS; attempt++) {
      expect(await mailer.tick()).toEqual({ sent: [], retrying: [row.id], failed: [] })
      clock.advance(FIRST_RETRY_MS * 2 ** (attempt - 1))
    }
    expect(await mailer.tick()).toEqual({ sent: [], retrying: [], failed: [row.id] })
    const failed = (await mailRows(t))[0]
    expect(failed).toMatchObject({
      email_state: 'failed',
      email_attempts: MAX_EMAIL_ATTEMPTS,
      email_next_at: null,
    })
    expect(failed?.email_error).toMatch(/try 5 of 5/)
    clock.advance(24 * 3600_000)
    expect(await mailer.tick()).toEqual({ sent: [], retrying: [], failed: [] })
    // The notification itself is there all along, in the app.
    const list = await t.request('/api/notifications', { cookie: await t.login('checker') })
    expect(list.status).toBe(200)
    expect((await list.json()).items.map((n: { id: string }) => n.id)).toContain(row.id)
  })

  it('without COUNTERCLAIM_SMTP_URL there is no mailer, nothing is pending and nothing is sent', async () => {
    const smtp = await receiver()
    const t = await makeTestApp()
    expect(t.mailer).toBeNull()
    await returnWithNote(t)
    const rows = await mailRows(t)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ email_state: null, email_attempts: 0, email_next_at: null })
    expect(smtp.mails).toEqual([])
  })
})
