import {
  type DisputeEvent,
  DisputeEventSchema,
  DisputeViewersSchema,
  type Person,
} from '@counterclaim/shared'
import { useQueryClient } from '@tanstack/react-query'
import { createContext, useContext, useEffect, useRef, useState } from 'react'
import { workbenchKeys } from '../api/workbench.ts'

/** How long a colleague's change stays marked on the page, and its notice shown. */
const MARK_MS = 4_000
const NOTICE_MS = 8_000
const MAX_NOTICES = 3

/** The records of the workbench query: a change to any of them reads the workbench again. */
// A reply log entry changes what a published claim shows as changed since publication.
const WORKBENCH_ENTITIES = new Set([
  'dispute',
  'claim',
  'evidence',
  'stance',
  'verdict',
  'claimant',
  'reply_attempt',
])

/** A colleague's change, said in words: "Ana Petrenko set a stance on Oleg Kiper's claim". */
export interface LiveNotice {
  key: number
  text: string
}

export interface DisputeLive {
  /** Everyone else who has the dispute open now. */
  viewers: readonly Person[]
  /** Colleagues' recent changes, newest last. */
  notices: readonly LiveNotice[]
  /** Ids of records a colleague changed in the last few seconds. */
  changed: ReadonlySet<string>
}

const VERBS: Record<string, Record<string, string>> = {
  claim_rating: { created: 'rated a claim', updated: 'changed their rating of a claim' },
  stance: { created: 'set a stance', updated: 'set a stance', archived: 'cleared a stance' },
  claim: { created: 'added a claim', updated: 'changed a claim', archived: 'archived a claim' },
  evidence: { created: 'added evidence', updated: 'changed evidence', archived: 'archived evidence' },
  verdict: {
    drafted: 'started a verdict draft',
    updated: 'changed a verdict draft',
    submitted: 'submitted a verdict for review',
    returned: 'returned a verdict to its author',
    published: 'published a verdict',
    corrected: 'corrected a verdict',
    correction_proposed: 'proposed a correction of a verdict',
    correction_rejected: 'turned down a proposed correction of a verdict',
    withdrawn: 'withdrew a verdict',
  },
  dispute: {
    updated: 'changed the dispute',
    archived: 'archived the dispute',
    assigned: 'changed who is assigned',
  },
  comment: { created: 'commented', updated: 'edited a comment', archived: 'removed a comment' },
  claim_link: { created: 'linked a claim to a match', archived: 'removed a link to a match' },
  claim_relation: {
    created: 'set how two claims relate',
    updated: 'changed how two claims relate',
    cleared: 'cleared how two claims relate',
  },
  conclusion: {
    drafted: 'started the conclusion',
    updated: 'changed the conclusion draft',
    submitted: 'submitted the conclusion for review',
    returned: 'returned the conclusion',
    published: 'published the conclusion',
    corrected: 'corrected the conclusion',
    correction_proposed: 'proposed a new finding for the conclusion',
    correction_rejected: 'turned down a proposed new finding for the conclusion',
    withdrawn: 'withdrew the conclusion',
  },
  reply_attempt: {
    created: 'logged an attempt to reach a claimant',
    answered: 'recorded a claimant’s reply',
    updated: 'changed the right-of-reply log',
    archived: 'removed an attempt to reach a claimant',
    restored: 'put back an attempt to reach a claimant',
  },
}

/** What a colleague did, in words; the claim named when the change belongs to one. */
export function describeChange(event: DisputeEvent, claimName: (claimId: string) => string | null): string {
  const who = event.actor?.name ?? 'Someone'
  const verb =
    VERBS[event.entity]?.[event.action] ??
    (event.action === 'restored' ? 'restored a record' : 'made a change')
  if (event.entity === 'claim') {
    // The claim names itself: "changed Oleg Kiper's claim".
    const own = claimName(event.id)
    return `${who} ${own ? verb.replace('a claim', own) : verb}`
  }
  const claim = event.claimId ? claimName(event.claimId) : null
  return `${who} ${verb}${claim ? ` on ${claim}` : ''}`
}

/**
 * Follows the dispute's event stream while the page shows it: each change reads again exactly the queries
 * it touches (the workbench, the history panels, and what `onChange` adds, such as comments), says who made
 * it when that is someone else, and marks the changed record for a moment. EventSource reconnects by
 * itself and sends Last-Event-ID, so the server resumes where the stream broke; each (re)opening reads the
 * workbench once more, for changes made before the stream was listening.
 */
export function useDisputeEvents(options: {
  disputeId: string
  /** The signed-in user: their own changes come back too, refreshed but not announced. */
  meId: string
  claimName: (claimId: string) => string | null
  onChange?: (event: DisputeEvent) => void
}): DisputeLive {
  const { disputeId, meId } = options
  const client = useQueryClient()
  const [viewers, setViewers] = useState<readonly Person[]>([])
  const [notices, setNotices] = useState<readonly LiveNotice[]>([])
  const [changed, setChanged] = useState<ReadonlySet<string>>(() => new Set())
  // The latest callbacks, without reopening the stream when the page renders again.
  const latest = useRef(options)
  latest.current = options

  useEffect(() => {
    const source = new EventSource(`/api/disputes/${encodeURIComponent(disputeId)}/events`)
    const timers = new Set<ReturnType<typeof setTimeout>>()
    const later = (ms: number, run: () => void) => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        run()
      }, ms)
      timers.add(timer)
    }
    let counter = 0

    const refresh = (entity: string | null) => {
      if (entity === null || WORKBENCH_ENTITIES.has(entity))
        client.invalidateQueries({ queryKey: workbenchKeys.detail(disputeId) })
      client.invalidateQueries({ queryKey: workbenchKeys.histories() })
      // A colleague's rating changes what everyone may see of a claim's ratings (the reveal).
      if (entity === null || entity === 'claim_rating')
        client.invalidateQueries({ queryKey: workbenchKeys.ratingsAll() })
    }

    source.addEventListener('open', () => refresh(null))
    source.addEventListener('message', (message: MessageEvent<string>) => {
      const parsed = DisputeEventSchema.safeParse(safeJson(message.data))
      if (!parsed.success) return
      const event = parsed.data
      refresh(event.entity)
      latest.current.onChange?.(event)
      if (!event.actor || event.actor.id === meId) return
      const key = ++counter
      const text = describeChange(event, latest.current.claimName)
      setNotices((prev) => [...prev, { key, text }].slice(-MAX_NOTICES))
      later(NOTICE_MS, () => setNotices((prev) => prev.filter((n) => n.key !== key)))
      const ids = [event.id]
      setChanged((prev) => new Set([...prev, ...ids]))
      later(MARK_MS, () =>
        setChanged((prev) => {
          const next = new Set(prev)
          for (const id of ids) next.delete(id)
          return next
        }),
      )
    })
    source.addEventListener('viewers', (message: MessageEvent<string>) => {
      const parsed = DisputeViewersSchema.safeParse(safeJson(message.data))
      if (!parsed.success) return
      const others = new Map<string, Person>()
      for (const person of parsed.data.viewers) if (person.id !== meId) others.set(person.id, person)
      setViewers([...others.values()])
    })

    return () => {
      source.close()
      for (const timer of timers) clearTimeout(timer)
      setViewers([])
      setNotices([])
      setChanged(new Set())
    }
  }, [client, disputeId, meId])

  return { viewers, notices, changed }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

const ChangedContext = createContext<ReadonlySet<string>>(new Set())

/** Gives the records a colleague just changed to the workbench's parts, which mark them. */
export const LiveChangesProvider = ChangedContext.Provider

/** The records a colleague just changed. */
export function useLiveChanges(): ReadonlySet<string> {
  return useContext(ChangedContext)
}

/** Whether a colleague just changed any of these records: the part shows a brief mark. */
export function useChangedLive(...ids: (string | null | undefined)[]): boolean {
  const changed = useLiveChanges()
  return ids.some((id) => id !== null && id !== undefined && changed.has(id))
}
