import {
  type ClaimRelationKind,
  type Evidence,
  fieldLabel,
  type HistoryEvent,
  ratingLabel,
  type WorkbenchClaim,
} from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { unattributedClaimName } from '../../../components/claimant-name.tsx'
import { formatMoment } from '../../../components/dates.ts'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { historyQuery } from '../api/workbench.ts'
import { claimName, possessive } from './evidence-matrix.tsx'
import { RELATION_LABELS } from './labels.ts'

/** The fields an event changed, in words: "Text, Short form". */
function changedFields(event: HistoryEvent): string[] {
  const { before, after } = event
  if (typeof before !== 'object' || before === null || typeof after !== 'object' || after === null) return []
  const b = before as Record<string, unknown>
  const a = after as Record<string, unknown>
  // `quantity` is the first of `quantities` in the older shape: one change, said once.
  const ignored = new Set(['version', 'updatedAt', 'createdAt', 'excerptSha256', 'modifiedAt', 'quantity'])
  return Object.keys(a)
    .filter((k) => !ignored.has(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((key) => fieldLabel(key) ?? key)
}

const field = (record: unknown, key: string): string | null => {
  if (typeof record !== 'object' || record === null) return null
  const value = (record as Record<string, unknown>)[key]
  return typeof value === 'string' ? value : null
}

interface Names {
  claims: ReadonlyMap<string, string>
  evidence: ReadonlyMap<string, string>
}

/** Verdict steps whose action name does not read as "<action> verdict". */
const VERDICT_PHRASES: Record<string, string> = {
  correction_proposed: 'proposed a rating change of the verdict',
  correction_rejected: 'turned down a proposed rating change of the verdict',
  withdrawn: 'withdrew the verdict',
}

/** Conclusion steps whose action name does not read as "<action> the conclusion". */
const CONCLUSION_PHRASES: Record<string, string> = {
  correction_proposed: 'proposed a new finding for the conclusion',
  correction_rejected: 'turned down a proposed new finding for the conclusion',
  withdrawn: 'withdrew the conclusion',
}

/** An event in words, naming the claim and the evidence it touched. */
function describe(event: HistoryEvent, names: Names): string {
  const record = event.after ?? event.before
  const verb = event.action.replaceAll('_', ' ')
  const claimId = field(record, 'claimId')
  const claimName = claimId ? names.claims.get(claimId) : undefined
  const onClaim = claimName ? ` on ${claimName}` : ''
  switch (event.entity) {
    case 'stance': {
      const evidenceId = field(record, 'evidenceId')
      const evidence = evidenceId ? names.evidence.get(evidenceId) : undefined
      return `${verb} stance of “${evidence ?? 'evidence'}”${onClaim}: ${field(event.after, 'stance') ?? 'none'}`
    }
    case 'claim_rating':
      return `${event.action === 'created' ? 'rated' : 'changed their rating of'} ${claimName ?? 'the claim'}: ${ratingLabel(field(event.after, 'rating')) || 'no rating'}`
    case 'claim_relation': {
      const otherId = field(record, 'otherClaimId')
      const other = (otherId ? names.claims.get(otherId) : undefined) ?? 'another claim'
      const kind = field(event.after, 'kind')
      const words = kind && kind in RELATION_LABELS ? RELATION_LABELS[kind as ClaimRelationKind] : 'none'
      return `${verb} how ${claimName ?? 'a claim'} and ${other} relate: ${words}`
    }
    case 'verdict':
      return `${VERDICT_PHRASES[event.action] ?? `${verb} verdict`}${onClaim}`
    case 'conclusion':
      return CONCLUSION_PHRASES[event.action] ?? `${verb} the conclusion`
    case 'claim': {
      const own = names.claims.get(event.entityId)
      return `${verb} ${own ?? 'claim'}`
    }
    case 'reply_attempt': {
      const contact = field(record, 'contact')
      if (event.action === 'answered') return `recorded the reply of ${contact ?? 'the claimant'}${onClaim}`
      return `${verb} the attempt to reach ${contact ?? 'the claimant'}${onClaim}`
    }
    default: {
      const title = field(record, 'title') ?? field(record, 'name')
      return `${verb} ${event.entity}${title ? ` “${title}”` : ''}`
    }
  }
}

/** Who changed what, newest first: the whole dispute, or one claim with its verdict and stances. */
export function HistoryPanel({
  disputeId,
  claims,
  evidence,
  subject,
  onSubject,
}: {
  disputeId: string
  claims: readonly WorkbenchClaim[]
  evidence: readonly Evidence[]
  /** 'dispute', or a claim id. */
  subject: string
  onSubject: (subject: string) => void
}) {
  const selectId = useId()
  const headingId = useId()
  const entity = subject === 'dispute' ? 'dispute' : 'claim'
  const names: Names = {
    claims: new Map(claims.map((c) => [c.id, claimName(c, claims)])),
    evidence: new Map(evidence.map((e) => [e.id, e.title])),
  }
  const history = useQuery(historyQuery(entity, subject === 'dispute' ? disputeId : subject))
  return (
    <section className="panel history-panel" aria-labelledby={headingId} id="history">
      <div className="section-head">
        <h2 id={headingId}>History</h2>
        <label htmlFor={selectId}>Show the history of</label>
        <select id={selectId} value={subject} onChange={(e) => onSubject(e.target.value)}>
          <option value="dispute">The whole dispute</option>
          {claims.map((c) => (
            <option key={c.id} value={c.id}>
              {c.claimant
                ? `${possessive(c.claimant.name)} claim${c.shortText ? `: ${c.shortText}` : ''}`
                : unattributedClaimName(c.shortText)}
            </option>
          ))}
        </select>
      </div>
      {history.isPending ? <LoadingMessage>Loading the history…</LoadingMessage> : null}
      {history.error ? (
        <ErrorMessage
          title="The history could not be loaded."
          error={history.error}
          onRetry={() => history.refetch()}
        />
      ) : null}
      {history.data && history.data.items.length === 0 ? (
        <EmptyMessage>No changes recorded yet.</EmptyMessage>
      ) : null}
      {history.data && history.data.items.length > 0 ? (
        <ol className="history-list">
          {history.data.items.map((event) => {
            const fields = event.action === 'updated' ? changedFields(event) : []
            return (
              <li key={event.id}>
                <time dateTime={event.at}>{formatMoment(event.at)}</time>
                <span className="actor">{event.actor?.name ?? 'System'}</span>
                <span>
                  {describe(event, names)}
                  {fields.length ? <span className="muted"> — changed {fields.join(', ')}</span> : null}
                </span>
              </li>
            )
          })}
        </ol>
      ) : null}
      {history.data?.nextCursor ? <p className="muted small">Showing the latest 100 changes.</p> : null}
    </section>
  )
}
