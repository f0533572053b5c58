// A real SMTP server on loopback (smtp-server) that keeps every message it is given, read back into
// sender, recipients, subject and text, for tests of the mail the app sends.
import { type SMTPServer as Server, SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  /** The envelope's sender and recipients, as the SMTP conversation named them. */
  from: string
  to: string[]
  /** Header values by lower-case name, encoded words decoded. */
  headers: Record<string, string>
  subject: string
  /** The text body, its transfer encoding undone. */
  text: string
}

export interface SmtpReceiver {
  port: number
  url: string
  mails: ReceivedMail[]
  close: () => Promise<void>
}

/** Starts an SMTP server on 127.0.0.1 (a given port, or any free one) that takes every message. */
export function startSmtpReceiver(port = 0): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = []
  const server: Server = new SMTPServer({
    authOptional: true,
    // No TLS certificate of its own to offer: the client sends in the clear on loopback.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const parts: Buffer[] = []
      stream.on('data', (d: Buffer) => parts.push(d))
      stream.on('end', () => {
        const from = session.envelope.mailFrom
        mails.push({
          ...readMessage(Buffer.concat(parts).toString('utf8')),
          from: from === false ? '' : from.address,
          to: session.envelope.rcptTo.map((r) => r.address),
        })
        callback()
      })
    },
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    const listener = server.listen(port, '127.0.0.1', () => {
      const address = listener.address()
      const bound = typeof address === 'object' && address ? address.port : port
      resolve({
        port: bound,
        url: `smtp://127.0.0.1:${bound}`,
        mails,
        close: () => new Promise<void>((done) => server.close(() => done())),
      })
    })
  })
}

function readMessage(raw: string): Omit<ReceivedMail, 'from' | 'to'> {
  const split = raw.indexOf('\r\n\r\n')
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ')
  const body = raw.slice(split + 4)
  const headers: Record<string, string> = {}
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim())
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase()
  const text =
    encoding === 'quoted-printable'
      ? quotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body
  return { headers, subject: headers.subject ?? '', text: text.replace(/\r\n/g, '\n') }
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= and =?UTF-8?B?...?=), the space between two of them dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?[^?]+\?([QqBb])\?([^?]*)\?=/g, (_, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : bytesOf(data.replace(/_/g, ' ')).toString('utf8'),
    )
}

function quotedPrintable(body: string): string {
  return bytesOf(body.replace(/=\r?\n/g, '')).toString('utf8')
}

/** Text with =XX escapes as bytes. */
function bytesOf(text: string): Buffer {
  const bytes: number[] = []
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3)
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16))
      i += 2
    } else {
      bytes.push(...Buffer.from(text[i] ?? '', 'utf8'))
    }
  }
  return Buffer.from(bytes)
}
