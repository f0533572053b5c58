import {
  knownOrigins,
  orderByDiagnosticity,
  originGroups,
  originKey,
  originTally,
} from '@counterclaim/domain'
import type { Evidence, StanceValue, Workbench, WorkbenchClaim } from '@counterclaim/shared'
import { Fragment, type KeyboardEvent, useCallback, useId, useMemo, useRef, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { ClaimantName, unattributedClaimName } from '../../../components/claimant-name.tsx'
import { formatDay } from '../../../components/dates.ts'
import { RatingBadge } from '../../../components/verdict-badges.tsx'
import { useReloadWorkbench, useSetStance } from '../api/workbench.ts'
import { useChangedLive, useLiveChanges } from '../hooks/use-dispute-events.ts'
import { ArchiveStatus, useArchiveWithUndo } from './archive-undo.tsx'
import { EvidenceForm } from './evidence-form.tsx'
import { admiraltyGrade, EVIDENCE_KIND_LABELS, STANCE_LABELS, STANCE_MARKS } from './labels.ts'
import { StanceMenu } from './stance-menu.tsx'

const RELIABILITY_WORDS: Record<string, string> = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'reliability cannot be judged',
}
const CREDIBILITY_WORDS = [
  '',
  'confirmed',
  'probably true',
  'possibly true',
  'doubtful',
  'improbable',
  'cannot be judged',
]

/** "Oleg Kiper's", "Ukrainian officials'". */
export function possessive(name: string): string {
  return /s$/.test(name) ? `${name}'` : `${name}'s`
}

/** How a claim is named in a cell: "Oleg Kiper's claim", with its short form when the claimant has two. */
export function claimName(claim: WorkbenchClaim, claims: readonly WorkbenchClaim[]): string {
  const twice = claims.filter((c) => c.claimant?.id === claim.claimant?.id).length > 1
  const short = claim.shortText ?? claim.text.slice(0, 60)
  if (!claim.claimant) return unattributedClaimName(twice ? short : null)
  const whose = possessive(claim.claimant.name)
  return twice ? `${whose} claim “${short}”` : `${whose} claim`
}

/**
 * What another desk's fact-check carried as evidence rated the claim: their label and, where it maps onto
 * our scale, our rating as a badge (both as they stood when it was attached).
 */
function FactCheckRating({ factCheck }: { factCheck: NonNullable<Evidence['factCheck']> }) {
  return (
    <span className="matrix-fact-check small">
      <span className="muted">Their rating:</span>{' '}
      {factCheck.ratingLabel ? `“${factCheck.ratingLabel}”` : 'none given'}
      {factCheck.rating ? (
        <>
          {' '}
          <span className="visually-hidden">Our scale:</span> <RatingBadge rating={factCheck.rating} />
        </>
      ) : (
        <span className="muted"> (not on our scale)</span>
      )}
    </span>
  )
}

function EvidenceDetails({
  evidence,
  workbench,
  archiving,
  onEdit,
  onArchive,
  onComment,
}: {
  evidence: Evidence
  workbench: Workbench
  /** An archive or undo is on its way. */
  archiving: boolean
  onEdit: () => void
  onArchive: () => void
  /** Opens the comment form about this item, when the page has comments. */
  onComment?: () => void
}) {
  const grade = admiraltyGrade(evidence.sourceReliability, evidence.informationCredibility)
  const notes = workbench.claims.flatMap((claim) => {
    const cell = workbench.stances.find((s) => s.evidenceId === evidence.id && s.claimId === claim.id)
    return cell?.note && cell.stance ? [{ claim, cell }] : []
  })
  return (
    <div className="evidence-details">
      {evidence.excerpt ? (
        <blockquote className="excerpt">{evidence.excerpt}</blockquote>
      ) : (
        <p className="muted">No excerpt recorded.</p>
      )}
      <dl className="facts">
        <dt>Source</dt>
        <dd>{evidence.sourceName || '—'}</dd>
        <dt>Kind</dt>
        <dd>{EVIDENCE_KIND_LABELS[evidence.kind]}</dd>
        {evidence.factCheck ? (
          <>
            <dt>Fact-check</dt>
            <dd>
              <FactCheckRating factCheck={evidence.factCheck} />
            </dd>
          </>
        ) : null}
        <dt>Grade</dt>
        <dd>
          {grade ? (
            <>
              <strong>{grade}</strong>{' '}
              <span className="muted">
                {`(source ${evidence.sourceReliability ? RELIABILITY_WORDS[evidence.sourceReliability] : 'not graded'}; `}
                {`information ${evidence.informationCredibility ? CREDIBILITY_WORDS[evidence.informationCredibility] : 'not graded'})`}
              </span>
            </>
          ) : (
            'Not graded'
          )}
        </dd>
        <dt>Published</dt>
        <dd>{formatDay(evidence.publishedOn) || '—'}</dd>
        <dt>Accessed</dt>
        <dd>{formatDay(evidence.accessedOn) || '—'}</dd>
        <dt>Links</dt>
        <dd>
          {evidence.url ? (
            <a href={evidence.url} target="_blank" rel="noopener noreferrer">
              Source<span className="visually-hidden"> of {evidence.title}</span>
            </a>
          ) : (
            'No link'
          )}
          {evidence.archiveUrl ? (
            <>
              {' · '}
              <a href={evidence.archiveUrl} target="_blank" rel="noopener noreferrer">
                Archived copy<span className="visually-hidden"> of {evidence.title}</span>
              </a>
            </>
          ) : null}
        </dd>
      </dl>
      {notes.length > 0 ? (
        <ul className="stance-notes">
          {notes.map(({ claim, cell }) => (
            <li key={claim.id}>
              <strong>{cell.stance ? STANCE_LABELS[cell.stance] : ''}</strong>{' '}
              {claimName(claim, workbench.claims)}: {cell.note}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="actions compact">
        <button type="button" onClick={onEdit}>
          Edit evidence<span className="visually-hidden"> “{evidence.title}”</span>
        </button>
        <button type="button" disabled={archiving} onClick={onArchive}>
          Archive evidence<span className="visually-hidden"> “{evidence.title}”</span>
        </button>
        {onComment ? (
          <button type="button" onClick={onComment}>
            Comment<span className="visually-hidden"> on “{evidence.title}”</span>
          </button>
        ) : null}
      </div>
    </div>
  )
}

/** Under a claim's heading: how many independent origins support and contradict it (copies count once). */
function OriginCounts({ tally }: { tally: { supports: number; contradicts: number } }) {
  if (tally.supports === 0 && tally.contradicts === 0) return null
  return (
    <span className="matrix-tally small">
      <span className="visually-hidden">Independent origins: </span>
      {tally.supports} for · {tally.contradicts} against
    </span>
  )
}

/**
 * One cell of the matrix: a button that opens the cell's stance menu; what is set there is saved at once, as
 * one change. The cell owns its write queue (a mutation scope), so its changes reach the server in order.
 */
function StanceCellButton({
  disputeId,
  evidence,
  claim,
  claimLabel,
  stance,
  note,
  stanceId,
  isActive,
  buttonRef,
  onFocus,
  onKeyDown,
  onChange,
  onFailure,
}: {
  disputeId: string
  evidence: Evidence
  claim: WorkbenchClaim
  claimLabel: string
  stance: StanceValue | null
  note: string
  /** The cell's stance record, once it has one. */
  stanceId: string | null
  isActive: boolean
  buttonRef: (el: HTMLButtonElement | null) => void
  onFocus: () => void
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void
  onChange: () => void
  onFailure: (failure: { error: Error; what: string }) => void
}) {
  const changedLive = useChangedLive(stanceId)
  const setStance = useSetStance(disputeId, { evidenceId: evidence.id, claimId: claim.id }, (error) =>
    onFailure({ error, what: `The stance of “${evidence.title}” on ${claimLabel} was not saved.` }),
  )
  const [menuOpen, setMenuOpen] = useState(false)
  const button = useRef<HTMLButtonElement | null>(null)
  const menuId = useId()
  const label = `Stance of ${evidence.title} on ${claimLabel}`
  const close = useCallback((refocus: boolean) => {
    setMenuOpen(false)
    if (refocus) button.current?.focus()
  }, [])
  return (
    <td className={changedLive ? 'cell live-changed' : 'cell'}>
      <button
        type="button"
        ref={(el) => {
          button.current = el
          buttonRef(el)
        }}
        tabIndex={isActive ? 0 : -1}
        className={`stance stance-${stance ?? 'none'}`}
        aria-label={`${label}: ${stance ?? 'none'}`}
        aria-haspopup="dialog"
        aria-expanded={menuOpen}
        aria-controls={menuOpen ? menuId : undefined}
        title={note || undefined}
        onFocus={onFocus}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && menuOpen) {
            event.preventDefault()
            setMenuOpen(false)
          } else onKeyDown(event)
        }}
        onClick={() => setMenuOpen((open) => !open)}
      >
        {stance ? (
          <>
            <span aria-hidden="true">{STANCE_MARKS[stance]}</span> {STANCE_LABELS[stance]}
          </>
        ) : (
          <span className="none-mark">none</span>
        )}
        {note ? (
          <span aria-hidden="true" className="stance-note-mark">
            {' '}
            ✎
          </span>
        ) : null}
      </button>
      {menuOpen ? (
        <StanceMenu
          id={menuId}
          label={label}
          stance={stance}
          note={note}
          anchor={button}
          onClose={close}
          onSet={(choice) => {
            onChange()
            setStance.mutate(choice)
          }}
        />
      ) : null}
    </td>
  )
}

/**
 * The evidence matrix: evidence rows × claim columns. Each cell is a button; a click (or Enter/Space)
 * opens its stance menu, where one stance (and a note) is set at once; the arrow keys move between cells.
 */
export function EvidenceMatrix({
  workbench,
  onComment,
}: {
  workbench: Workbench
  /** Opens the comment form about one evidence item, when the page has comments. */
  onComment?: (evidenceId: string) => void
}) {
  const claims = workbench.claims
  const claimIds = useMemo(() => claims.map((c) => c.id), [claims])
  const reload = useReloadWorkbench(workbench.id)
  const archiving = useArchiveWithUndo(workbench.id, 'evidence')
  const headingId = useId()
  const [failure, setFailure] = useState<{ error: Error; what: string } | null>(null)
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set())
  const [editing, setEditing] = useState<string | null>(null)
  const [adding, setAdding] = useState(false)
  const [active, setActive] = useState({ row: 0, col: 0 })
  const cells = useRef(new Map<string, HTMLButtonElement>())
  const changedLive = useLiveChanges()

  // Rows keep their places while someone works in the matrix; they are sorted again when evidence comes or
  // goes, or on request, so a click never moves the row under the pointer.
  // An origin changed is a regrouping: the rows are sorted again so the items of one origin stay together.
  const evidenceKey = workbench.evidence.map((e) => `${e.id}:${originKey(e.origin) ?? ''}`).join(',')
  const [sortedFor, setSortedFor] = useState<{ key: string; order: string[] } | null>(null)
  const sorted = useMemo(
    () => orderByDiagnosticity(workbench.evidence, claimIds, workbench.stances).map((e) => e.id),
    [workbench.evidence, claimIds, workbench.stances],
  )
  let order = sortedFor?.key === evidenceKey ? sortedFor.order : null
  if (!order) {
    order = sorted
    setSortedFor({ key: evidenceKey, order })
  }
  const byId = new Map(workbench.evidence.map((e) => [e.id, e]))
  const rows = order.flatMap((id) => {
    const e = byId.get(id)
    return e ? [e] : []
  })
  const outOfOrder = order.join(',') !== sorted.join(',')
  // Where each origin that several items share starts, for its group's header row.
  const groupAt = new Map(
    originGroups(rows)
      .filter((g) => g.items.length > 1)
      .map((g) => [g.items[0]?.id ?? '', g] as const),
  )
  const origins = knownOrigins(workbench.evidence)
  const current = { row: Math.min(active.row, rows.length - 1), col: Math.min(active.col, claims.length - 1) }

  const cellOf = (evidenceId: string, claimId: string) =>
    workbench.stances.find((s) => s.evidenceId === evidenceId && s.claimId === claimId)

  const focusCell = (row: number, col: number) => {
    const r = Math.max(0, Math.min(rows.length - 1, row))
    const c = Math.max(0, Math.min(claims.length - 1, col))
    setActive({ row: r, col: c })
    cells.current.get(`${r}:${c}`)?.focus()
  }

  const onCellKey = (event: KeyboardEvent<HTMLButtonElement>, row: number, col: number) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [row - 1, col],
      ArrowDown: [row + 1, col],
      ArrowLeft: [row, col - 1],
      ArrowRight: [row, col + 1],
      Home: [row, 0],
      End: [row, claims.length - 1],
    }
    const target = moves[event.key]
    if (target) {
      event.preventDefault()
      focusCell(target[0], target[1])
    }
  }

  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  return (
    <section aria-labelledby={headingId} className="matrix-section">
      <div className="section-head">
        <h2 id={headingId}>Evidence</h2>
        <p className="muted small">
          Sorted by how well each item separates the claims; items of one origin are grouped and count once.
          Click a cell, or press Enter, to choose its stance and add a note; arrow keys move between cells.
        </p>
        {outOfOrder ? (
          <button
            type="button"
            className="small-button"
            onClick={() => setSortedFor({ key: evidenceKey, order: sorted })}
          >
            Sort again
          </button>
        ) : null}
      </div>
      {failure ? (
        <ActionError
          error={failure.error}
          action={failure.what}
          onReload={() => {
            setFailure(null)
            reload()
          }}
        />
      ) : null}
      <ArchiveStatus archiving={archiving} />
      {rows.length === 0 ? (
        <p className="state-message state-empty">No evidence yet. Add the first item below.</p>
      ) : (
        <div className="matrix-scroll">
          <table className="matrix">
            <thead>
              <tr>
                <th scope="col" className="matrix-evidence">
                  Evidence
                </th>
                <th scope="col">Grade</th>
                <th scope="col">Kind</th>
                {claims.map((claim) => (
                  <th scope="col" key={claim.id} className="matrix-claim">
                    <ClaimantName className="matrix-claimant" claimant={claim.claimant} />
                    {claim.shortText ? <span className="matrix-short">{claim.shortText}</span> : null}
                    <OriginCounts tally={originTally(claim.id, workbench.evidence, workbench.stances)} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((evidence, row) => {
                const detailsId = `details-${evidence.id}`
                const isOpen = open.has(evidence.id)
                const group = groupAt.get(evidence.id)
                return (
                  <Fragment key={evidence.id}>
                    {group ? (
                      <tr className="origin-group-head">
                        <td colSpan={3 + claims.length}>
                          <strong>Same origin: {group.label}</strong>
                          <span className="muted"> — {group.items.length} items, counted once</span>
                        </td>
                      </tr>
                    ) : null}
                    <tr
                      className={
                        [isOpen ? 'is-open' : '', changedLive.has(evidence.id) ? 'live-changed' : '']
                          .filter(Boolean)
                          .join(' ') || undefined
                      }
                    >
                      <th scope="row" className="matrix-evidence">
                        <button
                          type="button"
                          className="disclosure"
                          aria-expanded={isOpen}
                          aria-controls={isOpen ? detailsId : undefined}
                          onClick={() => toggle(evidence.id)}
                        >
                          <span aria-hidden="true" className="chevron">
                            {isOpen ? '▾' : '▸'}
                          </span>
                          {evidence.title}
                        </button>
                        {evidence.factCheck ? <FactCheckRating factCheck={evidence.factCheck} /> : null}
                      </th>
                      <td className="grade">
                        {admiraltyGrade(evidence.sourceReliability, evidence.informationCredibility) || '—'}
                      </td>
                      <td className="kind">{EVIDENCE_KIND_LABELS[evidence.kind]}</td>
                      {claims.map((claim, col) => {
                        return (
                          <StanceCellButton
                            key={claim.id}
                            disputeId={workbench.id}
                            evidence={evidence}
                            claim={claim}
                            claimLabel={claimName(claim, claims)}
                            stance={cellOf(evidence.id, claim.id)?.stance ?? null}
                            note={cellOf(evidence.id, claim.id)?.note ?? ''}
                            stanceId={cellOf(evidence.id, claim.id)?.id || null}
                            isActive={current.row === row && current.col === col}
                            buttonRef={(el) => {
                              if (el) cells.current.set(`${row}:${col}`, el)
                              else cells.current.delete(`${row}:${col}`)
                            }}
                            onFocus={() => setActive({ row, col })}
                            onKeyDown={(e) => onCellKey(e, row, col)}
                            onChange={() => setFailure(null)}
                            onFailure={setFailure}
                          />
                        )
                      })}
                    </tr>
                    {isOpen ? (
                      <tr id={detailsId} className="details-row">
                        <td colSpan={3 + claims.length}>
                          {editing === evidence.id ? (
                            <EvidenceForm
                              disputeId={workbench.id}
                              evidence={evidence}
                              origins={origins}
                              onDone={() => setEditing(null)}
                            />
                          ) : (
                            <EvidenceDetails
                              evidence={evidence}
                              workbench={workbench}
                              archiving={archiving.pending}
                              onEdit={() => setEditing(evidence.id)}
                              onComment={onComment ? () => onComment(evidence.id) : undefined}
                              onArchive={() =>
                                archiving.archive({
                                  id: evidence.id,
                                  version: evidence.version,
                                  name: `“${evidence.title}”`,
                                })
                              }
                            />
                          )}
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {claims.length === 0 && rows.length > 0 ? (
        <p className="muted small">Add a claim to weigh this evidence against it.</p>
      ) : null}
      {adding ? (
        <div className="panel">
          <h3>New evidence</h3>
          <EvidenceForm disputeId={workbench.id} origins={origins} onDone={() => setAdding(false)} />
        </div>
      ) : (
        <button type="button" className="add-button" onClick={() => setAdding(true)}>
          + Add evidence
        </button>
      )}
    </section>
  )
}
