import type { HistoryEvent } from '@counterclaim/shared'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { i18n } from '../i18n/i18n.ts'
import { ApiError, api, unwrap } from '../lib/api-client.ts'
import './record-conflict.css'

type Values = Record<string, unknown>
type Choice = 'mine' | 'theirs'

/** A record a form edits: its id and version are what a conflict is about. */
interface Versioned {
  id: string
  version: number
}

/** The records whose history can say who changed them (GET /api/history?entity=). */
export type ConflictEntity = 'dispute' | 'claim' | 'evidence' | 'verdict' | 'conclusion'

/** One field of a form, as a conflict names it and shows its value. */
export interface ConflictField<V extends Values> {
  key: keyof V & string
  /** The field's label in the form. */
  label: string
  /** The value in words, as a person reads it; text fields show themselves. */
  show?: (value: unknown) => string
}

/** A colleague's version met while the form held typing of its own, waiting for a choice per field. */
export interface RecordConflict<V extends Values> {
  recordId: string
  /** The colleague's version: what If-Match sends once every field is chosen. */
  version: number
  theirs: V
  /** What the form held when the colleague's version arrived. */
  mine: V
  /** The fields whose values differ, in the form's order. */
  keys: (keyof V & string)[]
  choices: Partial<Record<keyof V & string, Choice>>
}

/** A form's values, the version they started from, and any colleague's version waiting for choices. */
export interface RecordDraft<V extends Values> {
  values: V
  set: <K extends keyof V & string>(key: K, value: V[K]) => void
  /** The values of the version a save builds on: what "changed" is measured against. */
  from: V
  /** The version a save sends in If-Match: the colleague's, once every differing field is chosen. */
  version: number | null
  conflict: RecordConflict<V> | null
  choose: (key: keyof V & string, choice: Choice) => void
  /** Drops the typing and shows the newest version known (the "Reload the record" of a 412). */
  takeTheirs: () => void
  /** After a save: the answer is what the form now starts from. */
  saved: (record: Versioned) => void
  /** A save's failure: a 412 carries the current record, met like a change heard while typing. */
  failed: (error: Error) => void
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The one way a form edits a record that others may change at the same time. The form keeps its values
 * here; when the record it shows gets a newer version (a colleague's change heard live) or a save meets 412
 * (whose details carry the current record), nothing typed is lost: an untouched form simply shows the new
 * version, and a form with typing gets a conflict listing each field that differs, with both values and a
 * choice per field. Untouched fields start on the colleague's value; fields the user typed wait for a
 * choice, and until every field has one a save still sends the old version (and meets 412 again).
 */
export function useRecordDraft<R extends Versioned, V extends Values>(options: {
  /** The record as the page shows it now; a newer version arriving here is a colleague's change. */
  record: R | null
  valuesOf: (record: R | null) => V
  fields: readonly ConflictField<V>[]
  /** Reads a 412's details as the record, or null when they are not one. */
  parse: (details: unknown) => R | null
}): RecordDraft<V> {
  const { record, valuesOf, fields, parse } = options
  const [base, setBase] = useState<{ values: V; version: number | null }>(() => ({
    values: valuesOf(record),
    version: record?.version ?? null,
  }))
  const [values, setValues] = useState<V>(base.values)
  const [conflict, setConflict] = useState<RecordConflict<V> | null>(null)
  const newest = useRef<R | null>(record)
  // The handlers below run from effects and request callbacks: they read the state of the latest render.
  const latest = useRef({ base, values, conflict, valuesOf, fields })
  latest.current = { base, values, conflict, valuesOf, fields }

  const meet = (next: R, stale: boolean) => {
    const now = latest.current
    if (!newest.current || next.version >= newest.current.version) newest.current = next
    if (now.conflict && next.version <= now.conflict.version) return
    if (now.base.version !== null && next.version <= now.base.version) return
    const theirs = now.valuesOf(next)
    // The typing as it was before any choice: a field already in a conflict keeps its first typing.
    const mine = { ...now.values }
    if (now.conflict) for (const key of now.conflict.keys) mine[key] = now.conflict.mine[key]
    const from = now.base.values
    const typed = (key: keyof V & string) => !same(mine[key], from[key])
    if (!stale && !now.fields.some((f) => typed(f.key))) {
      setValues(theirs)
      setBase({ values: theirs, version: next.version })
      setConflict(null)
      return
    }
    const keys = now.fields
      .map((f) => f.key)
      .filter((key) => !same(from[key], theirs[key]) && !same(mine[key], theirs[key]))
    if (keys.length === 0) {
      // Nothing on the form differs from the colleague's version: build on it.
      setBase({ values: theirs, version: next.version })
      setConflict(null)
      return
    }
    const choices: RecordConflict<V>['choices'] = {}
    const shown = { ...mine }
    for (const key of keys) {
      if (!typed(key)) {
        choices[key] = 'theirs'
        shown[key] = theirs[key]
      }
    }
    setValues(shown)
    setConflict({ recordId: next.id, version: next.version, theirs, mine, keys, choices })
  }

  const version = record?.version
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new version of the record is news
  useEffect(() => {
    if (record) meet(record, false)
  }, [version])

  // Once every differing field has a choice, the save builds on the colleague's version.
  const resolvedVersion = conflict?.keys.every((k) => conflict.choices[k] !== undefined)
    ? conflict.version
    : null
  return {
    values,
    set: (key, value) => setValues((prev) => ({ ...prev, [key]: value })),
    from: resolvedVersion !== null && conflict ? conflict.theirs : base.values,
    version: resolvedVersion ?? base.version,
    conflict,
    choose: (key, choice) => {
      const now = latest.current.conflict
      if (!now) return
      setConflict({ ...now, choices: { ...now.choices, [key]: choice } })
      setValues((prev) => ({ ...prev, [key]: choice === 'mine' ? now.mine[key] : now.theirs[key] }))
    },
    takeTheirs: () => {
      const next = newest.current
      if (!next) return
      const theirs = valuesOf(next)
      setValues(theirs)
      setBase({ values: theirs, version: next.version })
      setConflict(null)
    },
    saved: (saved) => {
      const answer = saved as R
      newest.current = answer
      const now = valuesOf(answer)
      setValues(now)
      setBase({ values: now, version: answer.version })
      setConflict(null)
    },
    failed: (error) => {
      if (!(error instanceof ApiError) || error.status !== 412) return
      const current = parse(error.details)
      if (current) meet(current, true)
    },
  }
}

const conflictKeys = {
  changedBy: (entity: ConflictEntity, id: string, version: number) =>
    ['record-conflict', 'changed-by', entity, id, version] as const,
}

const versionOf = (record: unknown): unknown =>
  typeof record === 'object' && record !== null ? (record as { version?: unknown }).version : undefined

/** Who wrote a version of a record: its history, newest first, names them. */
const changedByQuery = (entity: ConflictEntity, id: string, version: number) =>
  queryOptions({
    queryKey: conflictKeys.changedBy(entity, id, version),
    queryFn: async () => {
      const page = await unwrap(api.history.$get({ query: { entity, id, limit: '50' } }))
      const own = page.items.filter((e: HistoryEvent) => e.entity === entity && e.entityId === id)
      const event = own.find((e) => versionOf(e.after) === version) ?? own[0]
      return event?.actor?.name ?? null
    },
    staleTime: Number.POSITIVE_INFINITY,
  })

const shown = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return i18n.t('common:conflict.empty')
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/**
 * The colleague's version beside the form's own, field by field: a group per field (its label as the
 * legend) with two radio buttons, "Keep mine" and "Use theirs", each described by its value. The notice is
 * said politely when it appears.
 */
export function ConflictChoices<V extends Values>({
  draft,
  entity,
  fields,
  className,
}: {
  draft: RecordDraft<V>
  entity: ConflictEntity
  fields: readonly ConflictField<V>[]
  /** On the wrapper: a grid placement such as span-2. */
  className?: string
}) {
  const id = useId()
  const { t } = useTranslation('common')
  const { conflict } = draft
  const who = useQuery({
    ...changedByQuery(entity, conflict?.recordId ?? '', conflict?.version ?? 0),
    enabled: conflict !== null,
  })
  const open = conflict ? conflict.keys.filter((k) => conflict.choices[k] === undefined) : []
  return (
    <div
      className={className ? `record-conflict-live ${className}` : 'record-conflict-live'}
      aria-live="polite"
    >
      {conflict ? (
        <section className="record-conflict" aria-labelledby={`${id}-heading`}>
          <h3 id={`${id}-heading`}>
            {who.data ? (
              <Trans
                t={t}
                i18nKey={`conflict.heading.${entity}`}
                values={{ who: who.data }}
                components={{ who: <span dir="auto" /> }}
              />
            ) : (
              t(`conflict.headingSomeone.${entity}`)
            )}
          </h3>
          <p className="small">
            {t('conflict.explain')}
            {open.length > 0
              ? ` ${t('conflict.stillToChoose', { fields: labelsOf(fields, open).join(', ') })}`
              : ''}
          </p>
          {conflict.keys.map((key) => {
            const field = fields.find((f) => f.key === key)
            const show = field?.show ?? shown
            const name = `${id}-${key}`
            return (
              <fieldset key={key} className="record-conflict-field">
                <legend>{field?.label ?? key}</legend>
                <div className="record-conflict-options">
                  {(['mine', 'theirs'] as const).map((choice) => (
                    <div key={choice} className={`record-conflict-option option-${choice}`}>
                      <label>
                        <input
                          type="radio"
                          name={name}
                          checked={conflict.choices[key] === choice}
                          onChange={() => draft.choose(key, choice)}
                          aria-describedby={`${name}-${choice}`}
                        />{' '}
                        {choice === 'mine' ? t('conflict.keepMine') : t('conflict.useTheirs')}
                      </label>
                      <div id={`${name}-${choice}`} className="record-conflict-value" dir="auto">
                        {show(conflict[choice][key])}
                      </div>
                    </div>
                  ))}
                </div>
              </fieldset>
            )
          })}
        </section>
      ) : null}
    </div>
  )
}

const labelsOf = <V extends Values>(fields: readonly ConflictField<V>[], keys: readonly string[]) =>
  keys.map((k) => fields.find((f) => f.key === k)?.label ?? k)
