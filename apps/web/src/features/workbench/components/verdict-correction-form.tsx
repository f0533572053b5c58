import { describeChanges } from '@counterclaim/domain'
import {
  type DeskSettings,
  RATING_SCALE,
  type Rating,
  type WorkbenchClaim,
  type WorkbenchEvidence,
} from '@counterclaim/shared'
import { type FormEvent, useId, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Field, Form } from '../../../components/field.tsx'
import { ConflictChoices, useRecordDraft } from '../../../components/record-conflict.tsx'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'
import { useCorrectVerdict, useReloadWorkbench, type VerdictCorrectInput } from '../api/workbench.ts'
import type { CorrectionOutcome } from './claim-column.tsx'
import { CorrectionFormEnd, useFocusOnOpen } from './review-form-parts.tsx'
import { parseVerdict, verdictFields, verdictValues } from './verdict-fields.ts'
import { VerdictTextFields } from './verdict-text-fields.tsx'

const isRating = (v: string): v is Rating => RATING_SCALE.some((r) => r.rating === v)

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id) => b.includes(id))

/**
 * Corrects a published verdict: the form starts from the published rating, summary, rationale and cited
 * evidence, and needs a correction note, which the public page lists with its date. Only changed fields are
 * sent, so the API's "changes nothing" answer reaches the user in its own words. A correction also publishes
 * what changed on the claim, its claimant and its sources since publication, so it may change none of the
 * verdict's own fields. Under the two-person rule a change of rating waits for a second editor.
 */
export function VerdictCorrectionForm({
  disputeId,
  claim,
  claimLabel,
  evidence,
  desk,
  onClose,
  onCorrected,
}: {
  disputeId: string
  claim: WorkbenchClaim
  claimLabel: string
  evidence: readonly WorkbenchEvidence[]
  desk: DeskSettings
  onClose: () => void
  onCorrected: (outcome: CorrectionOutcome) => void
}) {
  const { t } = useTranslation(['verdicts', 'domain'])
  const verdict = claim.verdict
  const correct = useCorrectVerdict(disputeId)
  const reload = useReloadWorkbench(disputeId)
  const fields = verdictFields(evidence)
  const draft = useRecordDraft({ record: verdict, valuesOf: verdictValues, fields, parse: parseVerdict })
  const { rating, summary, rationale } = draft.values
  const cited = new Set(draft.values.cited)
  const [citedMissing, setCitedMissing] = useState(false)
  const [note, setNote] = useState('')
  const headingId = useId()
  const heading = useFocusOnOpen()

  if (verdict?.status !== 'published') return null

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    // Only what changed from the version this correction builds on.
    const from = draft.from
    const json: VerdictCorrectInput = { correctionNote: note }
    if (rating && rating !== from.rating) json.rating = rating
    if (summary !== from.summary) json.summary = summary
    if (rationale !== from.rationale) json.rationale = rationale
    if (!sameList(draft.values.cited, from.cited)) {
      // Keep only evidence still in the dispute, in the matrix's order.
      const chosen = evidence.filter((e) => cited.has(e.id)).map((e) => e.id)
      if (chosen.length === 0) {
        setCitedMissing(true)
        return
      }
      json.citedEvidenceIds = chosen
    }
    correct.mutate(
      { claimId: claim.id, version: draft.version ?? verdict.version, json },
      {
        onSuccess: (answer) => onCorrected(answer.status === 'pending' ? 'pending' : 'applied'),
        onError: draft.failed,
      },
    )
  }
  const changes = claim.publicationChanges ?? []

  return (
    <section className="panel verdict-editor verdict-correction" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        <Trans
          t={t}
          i18nKey="verdicts:correction.heading"
          values={{ claim: claimLabel }}
          components={SENTENCE_TAGS}
        />
      </h2>
      <blockquote className="quote small" dir="auto">
        {claim.text}
      </blockquote>
      <p className="hint">{t('verdicts:correction.stays')}</p>
      {changes.length > 0 ? (
        <div className="correction-publishes">
          <p>
            <strong>{t('verdicts:correction.alsoPublishes')}</strong> {describeChanges([...changes])}.
          </p>
          <ul className="small">
            {changes.map((change) => (
              <li key={`${change.part}:${change.label}`}>{change.label}</li>
            ))}
          </ul>
          <p className="small">{t('verdicts:correction.onlyNote')}</p>
        </div>
      ) : null}
      <Form onSubmit={onSubmit} className="form-grid">
        <ConflictChoices draft={draft} entity="verdict" fields={fields} />
        <Field
          as="select"
          label={t('verdicts:field.rating')}
          path="rating"
          error={correct.error}
          value={rating}
          onChange={(e) => draft.set('rating', isRating(e.target.value) ? e.target.value : '')}
          hint={
            desk.twoPersonRule
              ? t('verdicts:correction.ratingTwoPerson')
              : t('verdicts:correction.ratingAtOnce')
          }
        >
          {rating === '' ? <option value="">{t('domain:notRated')}</option> : null}
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
          error={correct.error}
        />
        <Field
          as="group"
          className="cited"
          label={t('domain:field.citedEvidenceIds')}
          path="citedEvidenceIds"
          error={correct.error}
          problem={citedMissing ? t('verdicts:correction.citeOne') : null}
        >
          {evidence.map((e) => (
            <label key={e.id} className="check">
              <input
                type="checkbox"
                checked={cited.has(e.id)}
                onChange={(ev) => {
                  setCitedMissing(false)
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
        <CorrectionFormEnd
          what="verdict"
          noteHint={t('verdicts:correction.noteHint')}
          note={note}
          onNote={setNote}
          correct={correct}
          onReloadSaved={draft.takeTheirs}
          onReload={reload}
          onClose={onClose}
        />
      </Form>
    </section>
  )
}
