import { RATING_SCALE, type Rating, type WorkbenchClaim } from '@counterclaim/shared'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { useCorrectVerdict, type VerdictCorrectInput } from '../api/workbench.ts'
import { VerdictTextFields } from './verdict-text-fields.tsx'

const isRating = (v: string): v is Rating => RATING_SCALE.some((r) => r.rating === v)

/**
 * Corrects a published verdict: the form starts from the published rating, summary and rationale, and
 * needs a correction note, which the public page lists with its date. Only changed fields are sent, so the
 * API's "changes nothing" answer reaches the user in its own words.
 */
export function VerdictCorrectionForm({
  disputeId,
  claim,
  claimLabel,
  onClose,
  onCorrected,
  onReload,
}: {
  disputeId: string
  claim: WorkbenchClaim
  claimLabel: string
  onClose: () => void
  onCorrected: () => void
  onReload: () => void
}) {
  const verdict = claim.verdict
  const correct = useCorrectVerdict(disputeId)
  const [rating, setRating] = useState<Rating | ''>(verdict?.rating ?? '')
  const [summary, setSummary] = useState(verdict?.summary ?? '')
  const [rationale, setRationale] = useState(verdict?.rationale ?? '')
  const [note, setNote] = useState('')
  const ids = {
    heading: useId(),
    rating: useId(),
    note: useId(),
    noteHint: useId(),
  }
  const heading = useRef<HTMLHeadingElement>(null)
  // Opening the form takes the reader (and the keyboard) to it.
  useEffect(() => {
    heading.current?.focus()
  }, [])

  if (verdict?.status !== 'published') return null

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const json: VerdictCorrectInput = { correctionNote: note }
    if (rating && rating !== verdict.rating) json.rating = rating
    if (summary !== verdict.summary) json.summary = summary
    if (rationale !== verdict.rationale) json.rationale = rationale
    correct.mutate({ claimId: claim.id, version: verdict.version, json }, { onSuccess: onCorrected })
  }

  return (
    <section className="panel verdict-editor verdict-correction" aria-labelledby={ids.heading}>
      <h2 id={ids.heading} ref={heading} tabIndex={-1}>
        Correct the verdict on {claimLabel}
      </h2>
      <blockquote className="quote small">{claim.text}</blockquote>
      <p className="hint">
        The verdict stays published. The public page keeps listing every correction with its date and note.
      </p>
      <form onSubmit={onSubmit} className="form-grid">
        <label htmlFor={ids.rating}>Rating</label>
        <select
          id={ids.rating}
          value={rating}
          onChange={(e) => setRating(isRating(e.target.value) ? e.target.value : '')}
        >
          {rating === '' ? <option value="">Not rated</option> : null}
          {RATING_SCALE.map((r) => (
            <option key={r.rating} value={r.rating}>
              {r.label} — {r.meaning}
            </option>
          ))}
        </select>
        <VerdictTextFields
          summary={summary}
          onSummary={setSummary}
          rationale={rationale}
          onRationale={setRationale}
        />
        <label htmlFor={ids.note}>Correction note (required)</label>
        <textarea
          id={ids.note}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={3}
          aria-required="true"
          aria-describedby={ids.noteHint}
        />
        <p id={ids.noteHint} className="hint">
          Public: shown with its date under the verdict on the public page. Say what changed and why.
        </p>
        <ActionError error={correct.error} action="The verdict was not corrected." onReload={onReload} />
        <div className="actions">
          <button type="submit" className="primary" disabled={correct.isPending}>
            {correct.isPending ? 'Publishing…' : 'Publish correction'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}
