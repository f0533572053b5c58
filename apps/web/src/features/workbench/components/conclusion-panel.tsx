import { conclusionPublishGaps, renderMarkdown } from '@counterclaim/domain'
import {
  type Conclusion,
  type DeskSettings,
  LIMITS,
  type PendingConclusionCorrection,
  roleAtLeast,
  type SessionUser,
} from '@counterclaim/shared'
import { useEffect, useId, useRef, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { blockedBy } from '../../../components/blocked-button.ts'
import { formatMoment } from '../../../components/dates.ts'
import { Field, FieldScope } from '../../../components/field.tsx'
import { useRequiredNote } from '../../../components/required-note.ts'
import { VerdictStatusBadge } from '../../../components/verdict-badges.tsx'
import { useConclusionStep, useDecideConclusionCorrection } from '../api/conclusion.ts'
import { ConclusionCorrectionForm, ConclusionDraftForm } from './conclusion-form.tsx'
import { PendingDecision } from './pending-decision.tsx'

/** Why this editor cannot publish the conclusion in review, or null when they can. */
function whyNotPublish(conclusion: Conclusion, userId: string, desk: DeskSettings): string | null {
  const gaps = conclusionPublishGaps(conclusion).map((field) => `a ${field}`)
  const reasons: string[] = []
  if (gaps.length) reasons.push(`It needs ${gaps.join(' and ')} before it can be published.`)
  if (desk.twoPersonRule && conclusion.contributors.some((person) => person.id === userId))
    reasons.push('You wrote or edited this conclusion: another editor must publish it.')
  return reasons.length ? reasons.join(' ') : null
}

/** A new finding proposed under the two-person rule: another editor approves or rejects it. */
function PendingFinding({
  disputeId,
  pending,
  version,
  user,
  onReload,
}: {
  disputeId: string
  pending: PendingConclusionCorrection
  version: number
  user: SessionUser
  onReload: () => void
}) {
  const decide = useDecideConclusionCorrection(disputeId)
  const ref = { correctionId: pending.id, version }
  return (
    <PendingDecision
      pending={pending}
      user={user}
      heading={
        <>
          <strong>New finding proposed by {pending.proposedBy.name}</strong> — waiting for a second editor:
        </>
      }
      details={
        <p>
          <del>{pending.before.finding}</del> → <ins>{pending.after.finding}</ins>
        </p>
      }
      change="the new finding"
      ownNote="You proposed it: another editor must approve it before the public sees it."
      deciding={{
        isPending: decide.isPending,
        error: decide.error,
        rejected: decide.variables?.decision === 'reject',
        approve: () => decide.mutate({ ...ref, decision: 'approve' }),
        reject: (note) => decide.mutate({ ...ref, decision: 'reject', note }),
      }}
      onReload={onReload}
    />
  )
}

/** A note the step needs (returning to the author, withdrawing): its form under the actions. */
function NoteForm({
  label,
  hint,
  missing,
  submit,
  busy,
  error,
  onSend,
  onCancel,
}: {
  label: string
  hint: string
  missing: string
  submit: string
  busy: boolean
  error: Error | null
  onSend: (note: string) => void
  onCancel: () => void
}) {
  const note = useRequiredNote(missing)
  const noteRef = note.ref
  useEffect(() => {
    noteRef.current?.focus()
  }, [noteRef])
  return (
    <form
      className="form-grid"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const text = note.take()
        if (text) onSend(text)
      }}
    >
      <Field
        as="textarea"
        label={label}
        labelNote=" (required)"
        path="note"
        error={error}
        {...note.field}
        rows={3}
        required
        maxLength={LIMITS.longText}
        hint={hint}
      />
      <div className="actions compact">
        <button type="submit" disabled={busy}>
          {submit}
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

type Open = 'edit' | 'correct' | 'return' | 'withdraw' | null

/**
 * The dispute's conclusion: the comparative finding for the whole dispute, written, reviewed, published,
 * corrected and withdrawn through the verdicts' workflow and two-person rule.
 */
export function ConclusionPanel({
  disputeId,
  conclusion,
  user,
  desk,
  onReload,
}: {
  disputeId: string
  conclusion: Conclusion | null
  user: SessionUser
  desk: DeskSettings
  onReload: () => void
}) {
  const step = useConclusionStep(disputeId)
  const [open, setOpen] = useState<Open>(null)
  const [outcome, setOutcome] = useState<'applied' | 'pending' | null>(null)
  const outcomeRef = useRef<HTMLParagraphElement>(null)
  const ids = { heading: useId(), publishReason: useId(), submitReason: useId() }
  const isEditor = roleAtLeast(user.role, 'editor')
  const status = conclusion?.status ?? null
  const pending = status === 'published' ? (conclusion?.pendingCorrection ?? null) : null
  const publishReason = status === 'in_review' && conclusion ? whyNotPublish(conclusion, user.id, desk) : null
  const submitReason =
    status === 'draft' && conclusion && !conclusion.finding.trim()
      ? 'Write the finding before submitting it for review.'
      : null
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus()
  }, [outcome])
  const close = () => setOpen(null)
  const toggle = (which: Open) => setOpen((o) => (o === which ? null : which))
  const publicPage = (
    <a href={`/d/${disputeId}`}>
      Public page<span className="visually-hidden"> of the dispute</span>
    </a>
  )

  return (
    <section className="panel conclusion-panel" aria-labelledby={ids.heading}>
      <div className="section-head">
        <h2 id={ids.heading}>Conclusion</h2>
        {conclusion ? <VerdictStatusBadge status={status} /> : null}
      </div>
      {open === 'edit' && (status === null || status === 'draft') ? (
        <ConclusionDraftForm
          disputeId={disputeId}
          conclusion={conclusion}
          onClose={close}
          onReload={onReload}
        />
      ) : open === 'correct' && conclusion && status === 'published' ? (
        <ConclusionCorrectionForm
          disputeId={disputeId}
          conclusion={conclusion}
          desk={desk}
          onClose={close}
          onReload={onReload}
          onCorrected={(how) => {
            close()
            setOutcome(how)
          }}
        />
      ) : !conclusion ? (
        <div className="state-message state-empty">
          <p>No conclusion yet: once the claims are checked, say in a sentence or two how they compare.</p>
          <div className="actions compact">
            <button type="button" onClick={() => setOpen('edit')}>
              Write the conclusion
            </button>
          </div>
        </div>
      ) : (
        <FieldScope>
          {conclusion.finding ? (
            <p className="conclusion-finding">{conclusion.finding}</p>
          ) : (
            <p className="muted small">No finding yet.</p>
          )}
          {conclusion.rationale.trim() ? (
            <div
              className="markdown-preview conclusion-rationale"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown escapes raw HTML and keeps only http(s) links
              dangerouslySetInnerHTML={{ __html: renderMarkdown(conclusion.rationale) }}
            />
          ) : null}
          {status === 'draft' && conclusion.returnNote ? (
            <p className="note-returned small">
              <strong>Returned:</strong> {conclusion.returnNote}
            </p>
          ) : null}
          {status === 'in_review' && !isEditor ? (
            <p className="muted small">Waiting for an editor’s review.</p>
          ) : null}
          {status === 'published' && conclusion.publishedAt ? (
            <p className="muted small">
              Published <time dateTime={conclusion.publishedAt}>{formatMoment(conclusion.publishedAt)}</time>
              {conclusion.reviewer ? ` by ${conclusion.reviewer.name}` : ''} · {publicPage}
            </p>
          ) : null}
          {status === 'withdrawn' ? (
            <div className="withdrawn-notice small">
              <p>
                <strong>Withdrawn</strong>{' '}
                <time dateTime={conclusion.withdrawnAt ?? undefined}>
                  {formatMoment(conclusion.withdrawnAt)}
                </time>
                {conclusion.withdrawalNote ? `: ${conclusion.withdrawalNote}` : null}
              </p>
              <p className="muted">The public page says so, in place of the conclusion · {publicPage}</p>
            </div>
          ) : null}
          {conclusion.corrections.length > 0 ? (
            <details className="corrections small">
              <summary>
                {conclusion.corrections.length === 1
                  ? 'Corrected once'
                  : `Corrected ${conclusion.corrections.length} times`}
              </summary>
              <ol>
                {[...conclusion.corrections].reverse().map((c) => (
                  <li key={c.id}>
                    <time dateTime={c.at}>{formatMoment(c.at)}</time> {c.note}
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
          {outcome ? (
            <p role="status" className="ok small" ref={outcomeRef} tabIndex={-1}>
              {outcome === 'applied'
                ? 'Correction published.'
                : 'New finding proposed. It is not public yet: it waits for another editor’s approval.'}
            </p>
          ) : null}
          {pending ? (
            <PendingFinding
              disputeId={disputeId}
              pending={pending}
              version={conclusion.version}
              user={user}
              onReload={onReload}
            />
          ) : null}
          <div className="actions compact">
            {status === 'draft' ? (
              <>
                <button type="button" onClick={() => setOpen('edit')}>
                  Edit the conclusion
                </button>
                <button
                  type="button"
                  disabled={step.isPending}
                  {...blockedBy(submitReason, ids.submitReason)}
                  onClick={() => {
                    if (submitReason) return
                    step.mutate({ version: conclusion.version, step: 'submit' })
                  }}
                >
                  Submit for review<span className="visually-hidden"> the conclusion</span>
                </button>
              </>
            ) : null}
            {status === 'in_review' && isEditor ? (
              <>
                <button
                  type="button"
                  className="primary"
                  disabled={step.isPending}
                  {...blockedBy(publishReason, ids.publishReason)}
                  onClick={() => {
                    if (publishReason) return
                    step.mutate({ version: conclusion.version, step: 'publish' })
                  }}
                >
                  Publish<span className="visually-hidden"> the conclusion</span>
                </button>
                <button type="button" aria-expanded={open === 'return'} onClick={() => toggle('return')}>
                  Return…<span className="visually-hidden"> the conclusion to its author</span>
                </button>
              </>
            ) : null}
            {status === 'published' && isEditor && !pending ? (
              <button
                type="button"
                onClick={() => {
                  setOutcome(null)
                  setOpen('correct')
                }}
              >
                Correct the conclusion
              </button>
            ) : null}
            {status === 'published' && isEditor ? (
              <button type="button" aria-expanded={open === 'withdraw'} onClick={() => toggle('withdraw')}>
                Withdraw…<span className="visually-hidden"> the conclusion</span>
              </button>
            ) : null}
          </div>
          {submitReason ? (
            <p id={ids.submitReason} className="reason small">
              {submitReason}
            </p>
          ) : null}
          {publishReason && isEditor ? (
            <p id={ids.publishReason} className="reason small">
              <span className="visually-hidden">Publish cannot be used yet: </span>
              {publishReason}
            </p>
          ) : null}
          {open === 'return' && status === 'in_review' ? (
            <NoteForm
              label="Note to the author"
              hint="Say what the conclusion needs before it can be published."
              missing="Write a note: it tells the author what to change."
              submit="Return to draft"
              busy={step.isPending}
              error={step.error}
              onCancel={close}
              onSend={(note) =>
                step.mutate({ version: conclusion.version, step: 'return', note }, { onSuccess: close })
              }
            />
          ) : null}
          {open === 'withdraw' && status === 'published' ? (
            <NoteForm
              label="Public note: why it is withdrawn"
              hint="The public page will say that the conclusion was withdrawn, with today’s date and this note, in place of it. This cannot be undone."
              missing="Write the note readers will see: it says why the conclusion was withdrawn."
              submit="Withdraw the conclusion"
              busy={step.isPending}
              error={step.error}
              onCancel={close}
              onSend={(note) =>
                step.mutate({ version: conclusion.version, step: 'withdraw', note }, { onSuccess: close })
              }
            />
          ) : null}
          <ActionError error={step.error} action="The conclusion did not move on." onReload={onReload} />
        </FieldScope>
      )}
    </section>
  )
}
