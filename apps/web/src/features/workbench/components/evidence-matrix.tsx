import {
  decodeStanceMatrix,
  knownOrigins,
  type MatrixCell,
  orderByDiagnosticity,
  originGroups,
  originKey,
  originTally,
  placedStanceCells,
} from '@counterclaim/domain'
import type { StanceValue, Workbench, WorkbenchClaim, WorkbenchEvidence } from '@counterclaim/shared'
import { Fragment, type KeyboardEvent, useCallback, useId, useMemo, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { ActionError } from '../../../components/action-error.tsx'
import { ClaimantName, unattributedClaimName } from '../../../components/claimant-name.tsx'
import { formatDay } from '../../../components/dates.ts'
import { RatingBadge } from '../../../components/verdict-badges.tsx'
import { i18n } from '../../../i18n/i18n.ts'
import { stanceCellKey, useReloadWorkbench, useSetStance } from '../api/workbench.ts'
import { useChangedLive, useLiveChanges } from '../hooks/use-dispute-events.ts'
import { ArchiveStatus, useArchiveWithUndo } from './archive-undo.tsx'
import { EvidenceForm } from './evidence-form.tsx'
import { admiraltyGrade, EVIDENCE_KIND_LABELS, STANCE_LABELS, STANCE_MARKS } from './labels.ts'
import { MatrixScroll } from './matrix-scroll.tsx'
import { StanceMenu } from './stance-menu.tsx'

/** The Admiralty scale's words for a source's reliability (A–F), in the interface's language. */
const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const
const reliabilityWords = (grade: string): string =>
  (RELIABILITY_GRADES as readonly string[]).includes(grade)
    ? i18n.t(`workbench:matrix.reliability.${grade as (typeof RELIABILITY_GRADES)[number]}`)
    : grade
/** The Admiralty scale's words for the information's credibility (1–6). */
const CREDIBILITY_GRADES = ['1', '2', '3', '4', '5', '6'] as const
const credibilityWords = (grade: number): string =>
  (CREDIBILITY_GRADES as readonly string[]).includes(String(grade))
    ? i18n.t(`workbench:matrix.credibility.${String(grade) as (typeof CREDIBILITY_GRADES)[number]}`)
    : String(grade)

/** "Oleg Kiper's", "Ukrainian officials'". */
export function possessive(name: string): string {
  return /s$/.test(name) ? `${name}'` : `${name}'s`
}

/** How a claim is named in a cell: "Oleg Kiper's claim", with its short form when the claimant has two. */
export function claimName(claim: WorkbenchClaim, claims: readonly WorkbenchClaim[]): string {
  const twice = claims.filter((c) => c.claimant?.id === claim.claimant?.id).length > 1
  const short = claim.shortText ?? claim.text.slice(0, 60)
  if (!claim.claimant) return unattributedClaimName(twice ? short : null)
  const name = claim.claimant.name
  // English writes "Oleg Kiper's claim" but "Ukrainian officials' claim".
  const context = possessive(name).endsWith("'s") ? undefined : 'sibilant'
  return twice
    ? i18n.t('workbench:claimNameWithShort', { name, short, context })
    : i18n.t('workbench:claimName', { name, context })
}

/**
 * What another desk's fact-check carried as evidence rated the claim: their label and, where it maps onto
 * our scale, our rating as a badge (both as they stood when it was attached).
 */
function FactCheckRating({ factCheck }: { factCheck: NonNullable<WorkbenchEvidence['factCheck']> }) {
  const { t } = useTranslation('workbench')
  return (
    <span className="matrix-fact-check small">
      <span className="muted">{t('matrix.theirRating')}</span>{' '}
      {factCheck.ratingLabel ? (
        <span dir="auto">{t('quoted', { text: factCheck.ratingLabel })}</span>
      ) : (
        t('matrix.noneGiven')
      )}
      {factCheck.rating ? (
        <>
          {' '}
          <span className="visually-hidden">{t('matrix.ourScale')}</span>{' '}
          <RatingBadge rating={factCheck.rating} />
        </>
      ) : (
        <span className="muted"> {t('matrix.notOnOurScale')}</span>
      )}
    </span>
  )
}

function EvidenceDetails({
  evidence,
  workbench,
  cells,
  archiving,
  onEdit,
  onArchive,
  onComment,
}: {
  evidence: WorkbenchEvidence
  workbench: Workbench
  /** The item's row of the matrix, one cell per claim in claim order. */
  cells: readonly MatrixCell[]
  /** An archive or undo is on its way. */
  archiving: boolean
  onEdit: () => void
  onArchive: () => void
  /** Opens the comment form about this item, when the page has comments. */
  onComment?: () => void
}) {
  const { t } = useTranslation('workbench')
  const hidden = { hidden: <span className="visually-hidden" /> }
  const grade = admiraltyGrade(evidence.sourceReliability, evidence.informationCredibility)
  const notes = workbench.claims.flatMap((claim, column) => {
    const cell = cells[column]
    return cell?.note && cell.stance ? [{ claim, cell }] : []
  })
  return (
    <div className="evidence-details">
      {evidence.excerpt ? (
        <blockquote className="excerpt" dir="auto">
          {evidence.excerpt}
        </blockquote>
      ) : (
        <p className="muted">{t('matrix.noExcerpt')}</p>
      )}
      <dl className="facts">
        <dt>{t('matrix.source')}</dt>
        <dd dir="auto">{evidence.sourceName || '—'}</dd>
        <dt>{t('matrix.kindLabel')}</dt>
        <dd>{EVIDENCE_KIND_LABELS[evidence.kind]}</dd>
        {evidence.factCheck ? (
          <>
            <dt>{t('matrix.factCheck')}</dt>
            <dd>
              <FactCheckRating factCheck={evidence.factCheck} />
            </dd>
          </>
        ) : null}
        <dt>{t('matrix.gradeLabel')}</dt>
        <dd>
          {grade ? (
            <>
              <strong>{grade}</strong>{' '}
              <span className="muted">
                {t('matrix.gradeWords', {
                  source: evidence.sourceReliability
                    ? reliabilityWords(evidence.sourceReliability)
                    : t('matrix.notGradedLower'),
                  information: evidence.informationCredibility
                    ? credibilityWords(evidence.informationCredibility)
                    : t('matrix.notGradedLower'),
                })}
              </span>
            </>
          ) : (
            t('matrix.notGraded')
          )}
        </dd>
        <dt>{t('matrix.published')}</dt>
        <dd>{formatDay(evidence.publishedOn) || '—'}</dd>
        <dt>{t('matrix.accessed')}</dt>
        <dd>{formatDay(evidence.accessedOn) || '—'}</dd>
        <dt>{t('matrix.links')}</dt>
        <dd>
          {evidence.url ? (
            <a href={evidence.url} target="_blank" rel="noopener noreferrer">
              <Trans
                t={t}
                i18nKey="matrix.sourceLink"
                values={{ title: evidence.title }}
                components={hidden}
              />
            </a>
          ) : (
            t('matrix.noLink')
          )}
          {evidence.archiveUrl ? (
            <>
              {' · '}
              <a href={evidence.archiveUrl} target="_blank" rel="noopener noreferrer">
                <Trans
                  t={t}
                  i18nKey="matrix.archivedCopy"
                  values={{ title: evidence.title }}
                  components={hidden}
                />
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
              {claimName(claim, workbench.claims)}: <span dir="auto">{cell.note}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="actions compact">
        <button type="button" onClick={onEdit}>
          <Trans t={t} i18nKey="matrix.editEvidence" values={{ title: evidence.title }} components={hidden} />
        </button>
        <button type="button" disabled={archiving} onClick={onArchive}>
          <Trans
            t={t}
            i18nKey="matrix.archiveEvidence"
            values={{ title: evidence.title }}
            components={hidden}
          />
        </button>
        {onComment ? (
          <button type="button" onClick={onComment}>
            <Trans t={t} i18nKey="matrix.comment" values={{ title: evidence.title }} components={hidden} />
          </button>
        ) : null}
      </div>
    </div>
  )
}

/** Under a claim's heading: how many independent origins support and contradict it (copies count once). */
function OriginCounts({ tally }: { tally: { supports: number; contradicts: number } }) {
  const { t } = useTranslation('workbench')
  if (tally.supports === 0 && tally.contradicts === 0) return null
  return (
    <span className="matrix-tally small">
      <Trans
        t={t}
        i18nKey="matrix.origins"
        values={{ supports: tally.supports, contradicts: tally.contradicts }}
        components={{ hidden: <span className="visually-hidden" /> }}
      />
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
  isActive,
  buttonRef,
  onFocus,
  onKeyDown,
  onChange,
  onFailure,
}: {
  disputeId: string
  evidence: WorkbenchEvidence
  claim: WorkbenchClaim
  claimLabel: string
  stance: StanceValue | null
  note: string
  isActive: boolean
  buttonRef: (el: HTMLButtonElement | null) => void
  onFocus: () => void
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void
  onChange: () => void
  onFailure: (failure: { error: Error; what: string }) => void
}) {
  const { t } = useTranslation('workbench')
  const changedLive = useChangedLive(stanceCellKey(evidence.id, claim.id))
  const setStance = useSetStance(disputeId, { evidenceId: evidence.id, claimId: claim.id }, (error) =>
    onFailure({
      error,
      what: i18n.t('workbench:matrix.stanceNotSaved', { evidence: evidence.title, claim: claimLabel }),
    }),
  )
  const [menuOpen, setMenuOpen] = useState(false)
  const button = useRef<HTMLButtonElement | null>(null)
  const menuId = useId()
  const label = t('matrix.stanceOf', { evidence: evidence.title, claim: claimLabel })
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
        aria-label={t('matrix.stanceCell', {
          evidence: evidence.title,
          claim: claimLabel,
          stance: t(`matrix.cellState.${stance ?? 'none'}`),
        })}
        aria-haspopup="dialog"
        aria-expanded={menuOpen}
        aria-controls={menuOpen ? menuId : undefined}
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
          <span className="none-mark">{t('matrix.cellState.none')}</span>
        )}
        {note ? (
          <>
            {' '}
            {/* The note is what a person wrote: its tooltip sits on the note's mark, in the note's own direction. */}
            <span aria-hidden="true" className="stance-note-mark" title={note} dir="auto">
              ✎
            </span>
          </>
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
  const { t } = useTranslation('workbench')
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
  // The matrix read once per answer: cells by position, and the set cells with their ids for the ordering.
  const grid = useMemo(() => decodeStanceMatrix(workbench.matrix), [workbench.matrix])
  const placed = useMemo(() => placedStanceCells(workbench), [workbench])
  const sorted = useMemo(
    () => orderByDiagnosticity(workbench.evidence, claimIds, placed).map((e) => e.id),
    [workbench.evidence, claimIds, placed],
  )
  let order = sortedFor?.key === evidenceKey ? sortedFor.order : null
  if (!order) {
    order = sorted
    setSortedFor({ key: evidenceKey, order })
  }
  const byId = new Map(workbench.evidence.map((e, index) => [e.id, { e, cells: grid[index] ?? [] }]))
  const rows = order.flatMap((id) => {
    const found = byId.get(id)
    return found ? [found.e] : []
  })
  const cellsOf = (evidenceId: string) => byId.get(evidenceId)?.cells ?? []
  const outOfOrder = order.join(',') !== sorted.join(',')
  // Where each origin that several items share starts, for its group's header row.
  const groupAt = new Map(
    originGroups(rows)
      .filter((g) => g.items.length > 1)
      .map((g) => [g.items[0]?.id ?? '', g] as const),
  )
  const origins = knownOrigins(workbench.evidence)
  const current = { row: Math.min(active.row, rows.length - 1), col: Math.min(active.col, claims.length - 1) }

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
        <h2 id={headingId}>{t('matrix.heading')}</h2>
        <p className="muted small">
          {/* A key is named as it is printed on the keyboard, in any language. */}
          <Trans t={t} i18nKey="matrix.help" components={{ key: <span translate="no" /> }} />
        </p>
        {outOfOrder ? (
          <button
            type="button"
            className="small-button"
            onClick={() => setSortedFor({ key: evidenceKey, order: sorted })}
          >
            {t('matrix.sortAgain')}
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
        <p className="state-message state-empty">{t('matrix.empty')}</p>
      ) : (
        <MatrixScroll>
          <table className="matrix">
            <thead>
              <tr>
                <th scope="col" className="matrix-evidence">
                  {t('matrix.evidence')}
                </th>
                <th scope="col">{t('matrix.grade')}</th>
                <th scope="col">{t('matrix.kind')}</th>
                {claims.map((claim) => (
                  <th scope="col" key={claim.id} className="matrix-claim">
                    <ClaimantName className="matrix-claimant" claimant={claim.claimant} />
                    {claim.shortText ? (
                      <span className="matrix-short" dir="auto">
                        {claim.shortText}
                      </span>
                    ) : null}
                    <OriginCounts tally={originTally(claim.id, workbench.evidence, placed)} />
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
                          <Trans
                            t={t}
                            i18nKey="matrix.sameOrigin"
                            count={group.items.length}
                            values={{ origin: group.label, count: group.items.length }}
                            components={{
                              strong: <strong />,
                              origin: <span dir="auto" />,
                              muted: <span className="muted" />,
                            }}
                          />
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
                          <span dir="auto">{evidence.title}</span>
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
                            stance={cellsOf(evidence.id)[col]?.stance ?? null}
                            note={cellsOf(evidence.id)[col]?.note ?? ''}
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
                              cells={cellsOf(evidence.id)}
                              archiving={archiving.pending}
                              onEdit={() => setEditing(evidence.id)}
                              onComment={onComment ? () => onComment(evidence.id) : undefined}
                              onArchive={() =>
                                archiving.archive({
                                  id: evidence.id,
                                  version: evidence.version,
                                  name: t('quoted', { text: evidence.title }),
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
        </MatrixScroll>
      )}
      {claims.length === 0 && rows.length > 0 ? (
        <p className="muted small">{t('matrix.addClaimFirst')}</p>
      ) : null}
      {adding ? (
        <div className="panel">
          <h3>{t('matrix.newEvidence')}</h3>
          <EvidenceForm disputeId={workbench.id} origins={origins} onDone={() => setAdding(false)} />
        </div>
      ) : (
        <button type="button" className="add-button" onClick={() => setAdding(true)}>
          {t('matrix.addEvidence')}
        </button>
      )}
    </section>
  )
}
