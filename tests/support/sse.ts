// A small reader of server-sent events over fetch, parsed as the HTML standard's EventSource parses
// them (fields event, data, id, retry; comments; CR, LF or CRLF line ends), keeping everything it
// received so a test can look at it. No reconnects of its own: a test reconnects when it means to.
import type { DisputeEvent, DisputeViewers } from '@counterclaim/shared'

export interface SseMessage {
  /** The event type: `message` when the event named none. */
  event: string
  data: string
  /** The last event id in force when it arrived (as EventSource's lastEventId). */
  lastEventId: string
  /** When it was parsed (Date.now()). */
  receivedAt: number
}

export interface EventStream {
  status: number
  headers: Headers
  /** The body of an answer that is not a stream (an error). */
  text: string
  messages: SseMessage[]
  comments: string[]
  retry: number | null
  /** The id of the last event with one, as a browser would send it back in Last-Event-ID. */
  lastEventId: string
  /** Whether the server ended the stream (or the client closed it). */
  ended: boolean
  /** Why reading stopped, when it was not the client's close nor the stream's end. */
  error?: unknown
  /** The changes received (unnamed events), their data parsed. */
  changes(): DisputeEvent[]
  /** The `viewers` events received, their data parsed. */
  viewers(): DisputeViewers[]
  /** Drops the connection, as a browser tab that closes or loses its network. */
  close(): void
  /** Resolves when the stream has ended. */
  done: Promise<void>
}

/** Opens an event stream at `url` with a session cookie and, to resume, a Last-Event-ID. */
export async function openEventStream(
  url: string,
  options: { cookie?: string; lastEventId?: string; headers?: Record<string, string> } = {},
): Promise<EventStream> {
  const controller = new AbortController()
  const headers = new Headers(options.headers)
  headers.set('accept', 'text/event-stream')
  if (options.cookie) headers.set('cookie', options.cookie)
  if (options.lastEventId !== undefined) headers.set('last-event-id', options.lastEventId)
  const res = await fetch(url, { headers, signal: controller.signal })
  const stream: EventStream = {
    status: res.status,
    headers: res.headers,
    text: '',
    messages: [],
    comments: [],
    retry: null,
    lastEventId: options.lastEventId ?? '',
    ended: false,
    changes: () =>
      stream.messages.filter((m) => m.event === 'message').map((m) => JSON.parse(m.data) as DisputeEvent),
    viewers: () =>
      stream.messages.filter((m) => m.event === 'viewers').map((m) => JSON.parse(m.data) as DisputeViewers),
    close: () => controller.abort(),
    done: Promise.resolve(),
  }
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
    stream.text = await res.text()
    stream.ended = true
    return stream
  }
  stream.done = read(res, stream).finally(() => {
    stream.ended = true
  })
  return stream
}

async function read(res: Response, stream: EventStream): Promise<void> {
  if (!res.body) return
  const decoder = new TextDecoder()
  let buffer = ''
  let event = ''
  let data: string[] = []
  const line = (text: string) => {
    if (text === '') {
      // Dispatch: an event with no data line is none (as EventSource does).
      if (data.length > 0)
        stream.messages.push({
          event: event || 'message',
          data: data.join('\n'),
          lastEventId: stream.lastEventId,
          receivedAt: Date.now(),
        })
      event = ''
      data = []
      return
    }
    if (text.startsWith(':')) {
      stream.comments.push(text.slice(1).trim())
      return
    }
    const colon = text.indexOf(':')
    const field = colon === -1 ? text : text.slice(0, colon)
    let value = colon === -1 ? '' : text.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') event = value
    else if (field === 'data') data.push(value)
    else if (field === 'id' && !value.includes('\0')) stream.lastEventId = value
    else if (field === 'retry' && /^\d+$/.test(value)) stream.retry = Number(value)
  }
  try {
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true })
      for (let end = buffer.search(/\r\n|\r|\n/); end !== -1; end = buffer.search(/\r\n|\r|\n/)) {
        // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
        if (buffer[end] === '\r' && end === buffer.length - 1) break
        line(buffer.slice(0, end))
        buffer = buffer.slice(buffer.startsWith('\r\n', end) ? end + 2 : end + 1)
      }
    }
  } catch (error) {
    // The client's own close ends the read with an AbortError; a connection the server dropped, with
    // another error: either way the stream has ended, which `ended` says.
    if (!(error instanceof Error && error.name === 'AbortError')) stream.error = error
  }
}
