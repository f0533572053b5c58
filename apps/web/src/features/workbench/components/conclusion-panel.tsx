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
import { Trans, useTranslation } from 'react-i18next'
import { ActionError } from '../../../components/action-error.tsx'
import { blockedBy } from '../../../components/blocked-button.ts'
import { formatMoment } from '../../../components/dates.ts'
import { Field, FieldScope } from '../../../components/field.tsx'
import { useRequiredNote } from '../../../components/required-note.ts'
import { VerdictStatusBadge } from '../../../components/verdict-badges.tsx'
import { i18n } from '../../../i18n/i18n.ts'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'
import { useConclusionStep, useDecideConclusionCorrection } from '../api/conclusion.ts'
import { ConclusionCorrectionForm, ConclusionDraftForm } from './conclusion-form.tsx'
import { PendingDecision } from './pending-decision.tsx'

/** Why this editor cannot publish the conclusion in review, or null when they can. */
function whyNotPublish(conclusion: Conclusion, userId: string, desk: DeskSettings): string | null {
  const gaps = conclusionPublishGaps(conclusion)
  const reasons: string[] = []
  const [gap, more] = gaps
  if (gap) reasons.push(i18n.t(`verdicts:conclusion.needs.${more ? 'both' : gap}`))
  if (desk.twoPersonRule && conclusion.contributors.some((person) => person.id === userId))
    reasons.push(i18n.t('verdicts:conclusion.ownWork'))
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
  const { t } = useTranslation('verdicts')
  const decide = useDecideConclusionCorrection(disputeId)
  const ref = { correctionId: pending.id, version }
  return (
    <PendingDecision
      pending={pending}
      user={user}
      heading={
        <Trans
          t={t}
          i18nKey="conclusion.pendingHeading"
          values={{ name: pending.proposedBy.name }}
          components={SENTENCE_TAGS}
        />
      }
      details={
        <p>
          <del dir="auto">{pending.before.finding}</del> → <ins dir="auto">{pending.after.finding}</ins>
        </p>
      }
      change="finding"
      ownNote={t('conclusion.pendingOwn')}
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
  const { t } = useTranslation('verdicts')
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
        labelNote={t('required')}
        path="note"
        error={error}
        {...note.field}
        rows={3}
        dir="auto"
        required
        maxLength={LIMITS.longText}
        hint={hint}
      />
      <div className="actions compact">
        <button type="submit" disabled={busy}>
          {submit}
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          {t('cancel')}
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
  const { t } = useTranslation('verdicts')
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
    status === 'draft' && conclusion && !conclusion.finding.trim() ? t('conclusion.submitReason') : null
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus()
  }, [outcome])
  const close = () => setOpen(null)
  const toggle = (which: Open) => setOpen((o) => (o === which ? null : which))
  const publicPage = (
    <a href={`/d/${disputeId}`}>
      <Trans t={t} i18nKey="conclusion.publicPage" components={SENTENCE_TAGS} />
    </a>
  )

  return (
    <section className="panel conclusion-panel" aria-labelledby={ids.heading}>
      <div className="section-head">
        <h2 id={ids.heading}>{t('conclusion.heading')}</h2>
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
          <p>{t('conclusion.none')}</p>
          <div className="actions compact">
            <button type="button" onClick={() => setOpen('edit')}>
              {t('conclusion.write')}
            </button>
          </div>
        </div>
      ) : (
        <FieldScope>
          {conclusion.finding ? (
            <p className="conclusion-finding" dir="auto">
              {conclusion.finding}
            </p>
          ) : (
            <p className="muted small">{t('conclusion.noFinding')}</p>
          )}
          {conclusion.rationale.trim() ? (
            <div
              className="markdown-preview conclusion-rationale"
              dir="auto"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown escapes raw HTML and keeps only http(s) links
              dangerouslySetInnerHTML={{ __html: renderMarkdown(conclusion.rationale) }}
            />
          ) : null}
          {status === 'draft' && conclusion.returnNote ? (
            <p className="note-returned small">
              <strong>{t('conclusion.returned')}</strong> <span dir="auto">{conclusion.returnNote}</span>
            </p>
          ) : null}
          {status === 'in_review' && !isEditor ? (
            <p className="muted small">{t('conclusion.waiting')}</p>
          ) : null}
          {status === 'published' && conclusion.publishedAt ? (
            <p className="muted small">
              <Trans
                t={t}
                i18nKey={conclusion.reviewer ? 'conclusion.publishedBy' : 'conclusion.published'}
                values={{ when: formatMoment(conclusion.publishedAt), name: conclusion.reviewer?.name }}
                components={{
                  ...SENTENCE_TAGS,
                  time: <time dateTime={conclusion.publishedAt} />,
                  link: publicPage,
                }}
              />
            </p>
          ) : null}
          {status === 'withdrawn' ? (
            <div className="withdrawn-notice small">
              <p>
                <strong>{t('conclusion.withdrawn')}</strong>{' '}
                <time dateTime={conclusion.withdrawnAt ?? undefined}>
                  {formatMoment(conclusion.withdrawnAt)}
                </time>
                {conclusion.withdrawalNote ? (
                  <>
                    : <span dir="auto">{conclusion.withdrawalNote}</span>
                  </>
                ) : null}
              </p>
              <p className="muted">
                <Trans
                  t={t}
                  i18nKey="conclusion.withdrawnNotice"
                  components={{ ...SENTENCE_TAGS, link: publicPage }}
                />
              </p>
            </div>
          ) : null}
          {conclusion.corrections.length > 0 ? (
            <details className="corrections small">
              <summary>
                {conclusion.corrections.length === 1
                  ? t('conclusion.correctedOnce')
                  : t('conclusion.corrected', { count: conclusion.corrections.length })}
              </summary>
              <ol>
                {[...conclusion.corrections].reverse().map((c) => (
                  <li key={c.id}>
                    <time dateTime={c.at}>{formatMoment(c.at)}</time> <span dir="auto">{c.note}</span>
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
          {outcome ? (
            <p role="status" className="ok small" ref={outcomeRef} tabIndex={-1}>
              {outcome === 'applied' ? t('conclusion.applied') : t('conclusion.pending')}
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
                  {t('conclusion.edit')}
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
                  <Trans t={t} i18nKey="conclusion.submit" components={SENTENCE_TAGS} />
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
                  <Trans t={t} i18nKey="conclusion.publish" components={SENTENCE_TAGS} />
                </button>
                <button type="button" aria-expanded={open === 'return'} onClick={() => toggle('return')}>
                  <Trans t={t} i18nKey="conclusion.return" components={SENTENCE_TAGS} />
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
                {t('conclusion.correct')}
              </button>
            ) : null}
            {status === 'published' && isEditor ? (
              <button type="button" aria-expanded={open === 'withdraw'} onClick={() => toggle('withdraw')}>
                <Trans t={t} i18nKey="conclusion.withdraw" components={SENTENCE_TAGS} />
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
              <span className="visually-hidden">{t('conclusion.publishBlocked')}</span>
              {publishReason}
            </p>
          ) : null}
          {open === 'return' && status === 'in_review' ? (
            <NoteForm
              label={t('conclusion.returnLabel')}
              hint={t('conclusion.returnHint')}
              missing={t('conclusion.returnMissing')}
              submit={t('conclusion.returnSubmit')}
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
              label={t('conclusion.withdrawLabel')}
              hint={t('conclusion.withdrawHint')}
              missing={t('conclusion.withdrawMissing')}
              submit={t('conclusion.withdrawSubmit')}
              busy={step.isPending}
              error={step.error}
              onCancel={close}
              onSend={(note) =>
                step.mutate({ version: conclusion.version, step: 'withdraw', note }, { onSuccess: close })
              }
            />
          ) : null}
          <ActionError error={step.error} action={t('conclusion.stepFailed')} onReload={onReload} />
        </FieldScope>
      )}
    </section>
  )
}
