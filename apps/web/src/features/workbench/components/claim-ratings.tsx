import { type ClaimRatings, LIMITS, RATING_SCALE, type Rating } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { type FormEvent, useId, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { ActionError } from '../../../components/action-error.tsx'
import { Field, FieldScope, Form } from '../../../components/field.tsx'
import { ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { RatingBadge } from '../../../components/verdict-badges.tsx'
import { i18n } from '../../../i18n/i18n.ts'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'
import { claimRatingsQuery, useRateClaim } from '../api/ratings.ts'

const isRating = (v: string): v is Rating => RATING_SCALE.some((r) => r.rating === v)

/** "1 of 2 ratings in", as the count of ratings in a claim's blind round. */
export function ratingsInWords(ratings: Pick<ClaimRatings, 'submitted' | 'required'>): string {
  return ratings.submitted === 0
    ? i18n.t('verdicts:ratings.noneIn', { required: ratings.required })
    : i18n.t('verdicts:ratings.someIn', { submitted: ratings.submitted, required: ratings.required })
}

/** Your own rating of a claim: given for the first time, or changed while the other rater has not rated. */
function YourRatingForm({
  claimId,
  claimLabel,
  ratings,
  onDone,
}: {
  claimId: string
  claimLabel: string
  ratings: ClaimRatings
  onDone?: () => void
}) {
  const { t } = useTranslation(['verdicts', 'domain'])
  const mine = ratings.mine
  const rate = useRateClaim(claimId)
  const labelId = useId()
  const [rating, setRating] = useState<Rating | ''>(mine?.rating ?? '')
  const [note, setNote] = useState(mine?.note ?? '')
  const [problem, setProblem] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!rating) {
      setProblem(t('verdicts:ratings.chooseFirst'))
      return
    }
    setProblem(null)
    rate.mutate({ version: mine?.version ?? null, rating, note }, { onSuccess: () => onDone?.() })
  }
  return (
    <Form className="form-grid rating-form" onSubmit={submit} aria-labelledby={labelId}>
      <span id={labelId} hidden>
        {t('verdicts:ratings.formLabel', { claim: claimLabel })}
      </span>
      <Field
        as="select"
        label={t('verdicts:ratings.yours')}
        path="rating"
        error={rate.error}
        problem={problem}
        value={rating}
        onChange={(e) => setRating(isRating(e.target.value) ? e.target.value : '')}
      >
        <option value="">{t('verdicts:ratings.choose')}</option>
        {RATING_SCALE.map((r) => (
          <option key={r.rating} value={r.rating}>
            {t(`domain:rating.${r.rating}`)}
          </option>
        ))}
      </Field>
      <Field
        as="textarea"
        label={t('verdicts:ratings.why')}
        dir="auto"
        path="note"
        error={rate.error}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        rows={2}
        maxLength={LIMITS.stanceNote}
      />
      <ActionError error={rate.error} action={t('verdicts:ratings.notSaved')} onReload={() => rate.reset()} />
      <div className="actions compact">
        <button type="submit" className="primary" disabled={rate.isPending}>
          {rate.isPending
            ? t('verdicts:form.saving')
            : mine
              ? t('verdicts:ratings.saveMine')
              : t('verdicts:ratings.submitMine')}
        </button>
        {onDone ? (
          <button type="button" onClick={onDone}>
            {t('verdicts:cancel')}
          </button>
        ) : null}
      </div>
    </Form>
  )
}

/**
 * A claim's independent ratings in its column: before you have rated, a "Your rating" form and how many are
 * in (never anyone else's rating); after, your own and a wait for the other; once both are in, whether the
 * raters agree, or their two ratings side by side.
 */
export function ClaimRatingsPanel({ claimId, claimLabel }: { claimId: string; claimLabel: string }) {
  const { t } = useTranslation(['verdicts', 'domain'])
  const query = useQuery(claimRatingsQuery(claimId))
  const [changing, setChanging] = useState(false)
  const headingId = useId()
  const ratings = query.data
  return (
    <section className="claim-ratings" aria-labelledby={headingId}>
      <h4 id={headingId}>
        <Trans
          t={t}
          i18nKey="verdicts:ratings.heading"
          values={{ claim: claimLabel }}
          components={SENTENCE_TAGS}
        />
      </h4>
      {query.isPending ? <LoadingMessage>{t('verdicts:ratings.loading')}</LoadingMessage> : null}
      {query.error ? (
        <ErrorMessage
          title={t('verdicts:ratings.loadFailed')}
          error={query.error}
          onRetry={() => query.refetch()}
        />
      ) : null}
      {ratings ? (
        <FieldScope>
          {!ratings.revealed ? (
            <>
              <p className="small ratings-count">{ratingsInWords(ratings)}</p>
              {ratings.mine && !changing ? (
                <div className="small">
                  <p>
                    {t('verdicts:ratings.yourRating')} <RatingBadge rating={ratings.mine.rating} />
                    {ratings.mine.note ? (
                      <>
                        {' — '}
                        <span dir="auto">{ratings.mine.note}</span>
                      </>
                    ) : null}
                  </p>
                  <p className="muted">{t('verdicts:ratings.otherLater')}</p>
                  <button type="button" className="link-button" onClick={() => setChanging(true)}>
                    <Trans
                      t={t}
                      i18nKey="verdicts:ratings.change"
                      values={{ claim: claimLabel }}
                      components={SENTENCE_TAGS}
                    />
                  </button>
                </div>
              ) : ratings.mine ? (
                <YourRatingForm
                  claimId={claimId}
                  claimLabel={claimLabel}
                  ratings={ratings}
                  onDone={() => setChanging(false)}
                />
              ) : (
                <YourRatingForm claimId={claimId} claimLabel={claimLabel} ratings={ratings} />
              )}
            </>
          ) : ratings.agreement === 'agree' && ratings.ratings[0] ? (
            <div className="ratings-agree small">
              <p>
                <strong>
                  {t('verdicts:ratings.agree', { rating: t(`domain:rating.${ratings.ratings[0].rating}`) })}
                </strong>
              </p>
              <RatersList ratings={ratings} />
            </div>
          ) : (
            <div className="ratings-disagree small">
              <p>
                <strong>{t('verdicts:ratings.disagree')}</strong>
              </p>
              <RatersList ratings={ratings} />
            </div>
          )}
        </FieldScope>
      ) : null}
    </section>
  )
}

/** The two raters side by side: name, rating, note. */
function RatersList({ ratings }: { ratings: ClaimRatings }) {
  return (
    <ul className="raters-side-by-side">
      {ratings.ratings.map((r) => (
        <li key={r.id}>
          <span className="rater-name" dir="auto">
            {r.rater.name}
          </span>{' '}
          <RatingBadge rating={r.rating} />
          {r.note ? (
            <span className="rater-note" dir="auto">
              {r.note}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

/**
 * Where the verdict's rating starts with independent ratings on: locked until both are in; then the agreed
 * rating, or the two raters' ratings offered to choose from.
 */
export function VerdictRatingStart({
  ratings,
  current,
  onChoose,
}: {
  ratings: ClaimRatings
  current: Rating | ''
  onChoose: (rating: Rating) => void
}) {
  const { t } = useTranslation(['verdicts', 'domain'])
  if (!ratings.revealed) {
    return (
      <p className="reason small">{t('verdicts:ratings.locked', { progress: ratingsInWords(ratings) })}</p>
    )
  }
  const [first, second] = ratings.ratings
  if (!first || !second) return null
  if (ratings.agreement === 'agree') {
    return (
      <p className="muted small">
        {t('verdicts:ratings.bothChose', { rating: t(`domain:rating.${first.rating}`) })}
      </p>
    )
  }
  return (
    <fieldset className="rating-choice small">
      <legend>{t('verdicts:ratings.chooseStart')}</legend>
      {[first, second].map((r) => (
        <button
          key={r.id}
          type="button"
          aria-pressed={current === r.rating}
          onClick={() => onChoose(r.rating)}
        >
          <Trans
            t={t}
            i18nKey="verdicts:ratings.use"
            values={{ rating: t(`domain:rating.${r.rating}`), name: r.rater.name }}
            components={SENTENCE_TAGS}
          />
        </button>
      ))}
    </fieldset>
  )
}
