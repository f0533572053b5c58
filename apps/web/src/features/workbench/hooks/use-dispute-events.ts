import {
  type DisputeEvent,
  DisputeEventSchema,
  DisputeViewersSchema,
  type Person,
} from '@counterclaim/shared'
import { useQueryClient } from '@tanstack/react-query'
import { createContext, useContext, useEffect, useRef, useState } from 'react'
import { i18n } from '../../../i18n/i18n.ts'
import { stanceCellKey, workbenchKeys } from '../api/workbench.ts'

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

/**
 * What was done to a record, in words: "published a verdict", "changed {{claim}}". The one home of these
 * words is the catalogue (`verdicts:change`), read by the live notices and the history panel alike. `claim`
 * names the claim a claim's own change is about (a claim is "a claim" without it).
 */
export function changeWords(entity: string, action: string, claim?: string | null): string {
  const key = `verdicts:change.${entity}.${action}`
  if (i18n.exists(key))
    // A key made from the event's names: checked to exist just above.
    return i18n.t(key as 'verdicts:change.claim.created', {
      claim: claim ?? i18n.t('verdicts:change.aClaim'),
    })
  return action === 'restored' ? i18n.t('verdicts:change.restored') : i18n.t('verdicts:change.other')
}

/** What a colleague did, in words; the claim named when the change belongs to one. */
export function describeChange(event: DisputeEvent, claimName: (claimId: string) => string | null): string {
  const who = event.actor?.name ?? i18n.t('verdicts:change.someone')
  if (event.entity === 'claim') {
    // The claim names itself: "changed Oleg Kiper's claim".
    return i18n.t('verdicts:change.who', {
      who,
      change: changeWords(event.entity, event.action, claimName(event.id)),
    })
  }
  const change = changeWords(event.entity, event.action)
  const claim = event.claimId ? claimName(event.claimId) : null
  return claim
    ? i18n.t('verdicts:change.whoOnClaim', { who, change, claim })
    : i18n.t('verdicts:change.who', { who, change })
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
      // A stance is marked by its cell: the workbench's matrix names cells by evidence item and claim.
      const ids =
        event.entity === 'stance' && event.evidenceId && event.claimId
          ? [event.id, stanceCellKey(event.evidenceId, event.claimId)]
          : [event.id]
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
