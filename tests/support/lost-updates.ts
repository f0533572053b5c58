import { createHash } from 'node:crypto'
import { type Send, signIn } from './http.ts'

/** A UUID (version 4 shape) derived from a name, so every writer names the same record the same way. */
export function nameUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex')
  const variant = ((Number.parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export interface LostUpdateOptions {
  writers: number
  seconds: number
  /** How many records the writers share at a time. */
  slots: number
  /** A record whose summary passes this many characters is retired; its slot moves to a new record. */
  retireAt?: number
}

export interface LostUpdateResult {
  writers: number
  seconds: number
  records: number
  attempts: number
  acknowledged: number
  preconditionFailed: number
  fiveXx: number
  /** Answers that were neither 2xx nor 412, described. */
  unexpected: string[]
  /** Acknowledged tokens missing from their record's final summary. */
  lost: number
  /** Tokens in the final summaries. */
  finalTokens: number
  /** Tokens found in a summary that no 2xx acknowledged, or found twice. */
  phantom: number
  /** "updated" history events of the records. */
  historyEvents: number
}

const tokensOf = (summary: string) => summary.split(' ').filter(Boolean)

async function historyCount(send: Send, cookie: string, id: string, action: string): Promise<number> {
  let n = 0
  let cursor: string | null = null
  do {
    const q: string = `/api/history?entity=dispute&id=${id}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
    const res = await send(q, { cookie })
    if (res.status !== 200) throw new Error(`GET ${q} answered ${res.status}: ${await res.text()}`)
    const page = (await res.json()) as {
      items: Array<{ action: string; entityId: string }>
      nextCursor: string | null
    }
    n += page.items.filter((e) => e.action === action && e.entityId === id).length
    cursor = page.nextCursor
  } while (cursor)
  return n
}

/**
 * N writers each loop GET then PATCH (If-Match) a shared dispute's summary, appending a unique
 * token. Afterwards every acknowledged token must be in the summary once, and each must have
 * exactly one history event: nothing lost, nothing invented.
 */
export async function runLostUpdates(send: Send, options: LostUpdateOptions): Promise<LostUpdateResult> {
  const retireAt = options.retireAt ?? 2_000
  const run = `${process.pid}-${Date.now()}`
  const acked = new Map<string, Set<string>>()
  const result: LostUpdateResult = {
    writers: options.writers,
    seconds: options.seconds,
    records: 0,
    attempts: 0,
    acknowledged: 0,
    preconditionFailed: 0,
    fiveXx: 0,
    unexpected: [],
    lost: 0,
    finalTokens: 0,
    phantom: 0,
    historyEvents: 0,
  }
  const generation = new Array<number>(options.slots).fill(0)
  const unexpected = (what: string) => {
    if (result.unexpected.length < 10) result.unexpected.push(what)
  }
  // Every writer may create a slot's next record: the create carries its id, so the second is a replay.
  const recordFor = async (cookie: string, slot: number, gen: number) => {
    const id = nameUuid(`lost-updates ${run} ${slot} ${gen}`)
    if (!acked.has(id)) {
      const res = await send('/api/disputes', {
        method: 'POST',
        cookie,
        json: { id, title: `Lost updates ${slot}.${gen}`, question: 'Does any write go missing?' },
      })
      if (res.status !== 201 && res.status !== 200)
        throw new Error(`create ${id} answered ${res.status}: ${await res.text()}`)
      await res.arrayBuffer()
      if (!acked.has(id)) acked.set(id, new Set())
    }
    return id
  }
  const deadline = Date.now() + options.seconds * 1000
  const writer = async (w: number) => {
    const cookie = await signIn(send, 'checker')
    let n = 0
    while (Date.now() < deadline) {
      const slot = (w + n) % options.slots
      const gen = generation[slot] ?? 0
      const id = await recordFor(cookie, slot, gen)
      const got = await send(`/api/disputes/${id}`, { cookie })
      if (got.status !== 200) {
        if (got.status >= 500) result.fiveXx++
        unexpected(`GET ${got.status} ${await got.text()}`)
        continue
      }
      const etag = got.headers.get('etag') ?? ''
      const { summary } = (await got.json()) as { summary: string }
      if (summary.length >= retireAt) {
        generation[slot] = Math.max(generation[slot] ?? 0, gen + 1)
        continue
      }
      const token = `${w.toString(36)}.${n.toString(36)}`
      n++
      result.attempts++
      const res = await send(`/api/disputes/${id}`, {
        method: 'PATCH',
        cookie,
        headers: { 'if-match': etag },
        json: { summary: summary ? `${summary} ${token}` : token },
      })
      await res.arrayBuffer()
      if (res.status === 200) {
        result.acknowledged++
        acked.get(id)?.add(token)
      } else if (res.status === 412) {
        result.preconditionFailed++
      } else {
        if (res.status >= 500) result.fiveXx++
        unexpected(`PATCH ${res.status}`)
      }
    }
  }
  await Promise.all(Array.from({ length: options.writers }, (_, w) => writer(w)))

  const reader = await signIn(send, 'admin')
  for (const [id, tokens] of acked) {
    const res = await send(`/api/disputes/${id}`, { cookie: reader })
    const { summary } = (await res.json()) as { summary: string }
    const final = tokensOf(summary)
    const seen = new Set<string>()
    for (const token of final) {
      if (!tokens.has(token) || seen.has(token)) result.phantom++
      seen.add(token)
    }
    for (const token of tokens) if (!seen.has(token)) result.lost++
    result.finalTokens += final.length
    result.historyEvents += await historyCount(send, reader, id, 'updated')
  }
  result.records = acked.size
  return result
}
