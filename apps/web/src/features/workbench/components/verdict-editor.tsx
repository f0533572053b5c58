import { isEmptyDraft } from '@counterclaim/domain'
import { RATING_SCALE, type Rating, type WorkbenchClaim, type WorkbenchEvidence } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useId, useRef } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Field, Form } from '../../../components/field.tsx'
import { ConflictChoices, useRecordDraft } from '../../../components/record-conflict.tsx'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'
import { claimRatingsQuery } from '../api/ratings.ts'
import { useSaveVerdict, useVerdictStep } from '../api/workbench.ts'
import { VerdictRatingStart } from './claim-ratings.tsx'
import { DraftFormEnd, ReturnedNote, useDraftSaving, useFocusOnOpen } from './review-form-parts.tsx'
import { parseVerdict, verdictFields, verdictValues } from './verdict-fields.ts'
import { VerdictTextFields } from './verdict-text-fields.tsx'

const isRating = (v: string): v is Rating => RATING_SCALE.some((r) => r.rating === v)

/**
 * The verdict draft of one claim: rating, one-line summary, rationale in Markdown with a preview, the evidence
 * it cites. Saves with If-Match; "Submit for review" saves, then submits.
 */
export function VerdictEditor({
  disputeId,
  claim,
  claimLabel,
  evidence,
  independentRatings = false,
  onClose,
  onReload,
}: {
  disputeId: string
  claim: WorkbenchClaim
  claimLabel: string
  evidence: readonly WorkbenchEvidence[]
  /** The claim is rated independently: the rating starts from the two raters' ratings. */
  independentRatings?: boolean
  onClose: () => void
  onReload: () => void
}) {
  const { t } = useTranslation(['verdicts', 'domain'])
  const verdict = claim.verdict
  const save = useSaveVerdict(disputeId)
  const step = useVerdictStep(disputeId)
  const fields = verdictFields(evidence)
  const draft = useRecordDraft({ record: verdict, valuesOf: verdictValues, fields, parse: parseVerdict })
  const { rating, summary, rationale } = draft.values
  const cited = new Set(draft.values.cited)
  const ids = { heading: useId(), submitReason: useId(), ratingStart: useId() }
  const ratings = useQuery({ ...claimRatingsQuery(claim.id), enabled: independentRatings }).data
  const ratingLocked = independentRatings && !ratings?.revealed && !rating
  const agreed = ratings?.agreement === 'agree' ? ratings.ratings[0]?.rating : undefined
  // The draft starts at the rating both raters chose, when it has none of its own yet: once, so the
  // person can still clear it.
  const startedFromAgreement = useRef(false)
  useEffect(() => {
    if (!agreed || startedFromAgreement.current) return
    startedFromAgreement.current = true
    if (!draft.values.rating) draft.set('rating', agreed)
  }, [agreed, draft])
  // Saving and submitting both answer for the same fields.
  const fieldError = save.error ?? step.error
  const submitReason = isEmptyDraft({ rating: rating || null, summary })
    ? t('verdicts:editor.submitReason')
    : null

  const body = () => ({
    rating: rating || null,
    summary,
    rationale,
    // Keep only evidence still in the dispute, in the matrix's order.
    citedEvidenceIds: evidence.filter((e) => cited.has(e.id)).map((e) => e.id),
  })

  const { saved, onSave, onSubmitForReview } = useDraftSaving({
    draft,
    save: () => save.mutateAsync({ claimId: claim.id, version: draft.version, json: body() }),
    submit: (record) =>
      step.mutate({ claimId: claim.id, version: record.version, step: 'submit' }, { onSuccess: onClose }),
    submitReason,
  })
  const heading = useFocusOnOpen()
  return (
    <section className="panel verdict-editor" aria-labelledby={ids.heading}>
      <h2 id={ids.heading} ref={heading} tabIndex={-1}>
        <Trans
          t={t}
          i18nKey="verdicts:editor.heading"
          values={{ claim: claimLabel }}
          components={SENTENCE_TAGS}
        />
      </h2>
      <blockquote className="quote small" dir="auto">
        {claim.text}
      </blockquote>
      <ReturnedNote note={verdict?.status === 'draft' ? verdict.returnNote : null} />
      <Form onSubmit={onSave} className="form-grid">
        <ConflictChoices draft={draft} entity="verdict" fields={fields} />
        <Field
          as="select"
          label={t('verdicts:field.rating')}
          path="rating"
          error={fieldError}
          value={rating}
          disabled={ratingLocked}
          aria-describedby={independentRatings ? ids.ratingStart : undefined}
          onChange={(e) => draft.set('rating', isRating(e.target.value) ? e.target.value : '')}
          after={
            independentRatings && ratings ? (
              <div id={ids.ratingStart}>
                <VerdictRatingStart
                  ratings={ratings}
                  current={rating}
                  onChoose={(r) => draft.set('rating', r)}
                />
              </div>
            ) : null
          }
        >
          <option value="">{t('verdicts:notRatedYet')}</option>
          {RATING_SCALE.map((r) => (
            <option key={r.rating} value={r.rating}>
              {t('verdicts:ratingOption', {
                label: t(`domain:rating.${r.rating}`),
                meaning: t(`domain:ratingMeaning.${r.rating}`),
              })}
            </option>
          ))}
        </Field>
        <VerdictTextFields
          summary={summary}
          onSummary={(v) => draft.set('summary', v)}
          rationale={rationale}
          onRationale={(v) => draft.set('rationale', v)}
          error={fieldError}
        />
        <Field
          as="group"
          className="cited"
          label={t('domain:field.citedEvidenceIds')}
          path="citedEvidenceIds"
          error={fieldError}
        >
          {evidence.length === 0 ? <p className="muted small">{t('verdicts:editor.noEvidence')}</p> : null}
          {evidence.map((e) => (
            <label key={e.id} className="check">
              <input
                type="checkbox"
                checked={cited.has(e.id)}
                onChange={(ev) => {
                  const next = new Set(cited)
                  if (ev.target.checked) next.add(e.id)
                  else next.delete(e.id)
                  draft.set('cited', [...next].sort())
                }}
              />{' '}
              <span dir="auto">{e.title}</span>
            </label>
          ))}
        </Field>
        <DraftFormEnd
          what="verdict"
          save={save}
          step={step}
          saved={saved}
          submitReason={submitReason}
          submitReasonId={ids.submitReason}
          onSubmitForReview={onSubmitForReview}
          onClose={onClose}
          onReload={onReload}
          onReloadSaved={draft.takeTheirs}
        />
      </Form>
    </section>
  )
}
