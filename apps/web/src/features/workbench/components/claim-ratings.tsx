import { type ClaimRatings, LIMITS, RATING_SCALE, type Rating } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { type FormEvent, useId, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { Field, FieldScope, Form } from '../../../components/field.tsx'
import { ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { RatingBadge } from '../../../components/verdict-badges.tsx'
import { claimRatingsQuery, useRateClaim } from '../api/ratings.ts'

const isRating = (v: string): v is Rating => RATING_SCALE.some((r) => r.rating === v)

/** "1 of 2 ratings in", as the count of ratings in a claim's blind round. */
export function ratingsInWords(ratings: Pick<ClaimRatings, 'submitted' | 'required'>): string {
  return ratings.submitted === 0
    ? `No ratings in yet (${ratings.required} needed)`
    : `${ratings.submitted} of ${ratings.required} ratings in`
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
  const mine = ratings.mine
  const rate = useRateClaim(claimId)
  const [rating, setRating] = useState<Rating | ''>(mine?.rating ?? '')
  const [note, setNote] = useState(mine?.note ?? '')
  const [problem, setProblem] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!rating) {
      setProblem('Choose a rating first.')
      return
    }
    setProblem(null)
    rate.mutate({ version: mine?.version ?? null, rating, note }, { onSuccess: () => onDone?.() })
  }
  return (
    <Form className="form-grid rating-form" onSubmit={submit} aria-label={`Your rating of ${claimLabel}`}>
      <Field
        as="select"
        label="Your rating"
        path="rating"
        error={rate.error}
        problem={problem}
        value={rating}
        onChange={(e) => setRating(isRating(e.target.value) ? e.target.value : '')}
      >
        <option value="">Choose a rating</option>
        {RATING_SCALE.map((r) => (
          <option key={r.rating} value={r.rating}>
            {r.label}
          </option>
        ))}
      </Field>
      <Field
        as="textarea"
        label="Why (optional)"
        path="note"
        error={rate.error}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        rows={2}
        maxLength={LIMITS.stanceNote}
      />
      <ActionError error={rate.error} action="Your rating was not saved." onReload={() => rate.reset()} />
      <div className="actions compact">
        <button type="submit" className="primary" disabled={rate.isPending}>
          {rate.isPending ? 'Saving…' : mine ? 'Save my rating' : 'Submit my rating'}
        </button>
        {onDone ? (
          <button type="button" onClick={onDone}>
            Cancel
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
  const query = useQuery(claimRatingsQuery(claimId))
  const [changing, setChanging] = useState(false)
  const headingId = useId()
  const ratings = query.data
  return (
    <section className="claim-ratings" aria-labelledby={headingId}>
      <h4 id={headingId}>
        Independent ratings<span className="visually-hidden"> of {claimLabel}</span>
      </h4>
      {query.isPending ? <LoadingMessage>Loading ratings…</LoadingMessage> : null}
      {query.error ? (
        <ErrorMessage
          title="The ratings could not be loaded."
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
                    Your rating: <RatingBadge rating={ratings.mine.rating} />
                    {ratings.mine.note ? ` — ${ratings.mine.note}` : null}
                  </p>
                  <p className="muted">The other rating shows once the second checker has rated.</p>
                  <button type="button" className="link-button" onClick={() => setChanging(true)}>
                    Change my rating<span className="visually-hidden"> of {claimLabel}</span>
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
                <strong>Raters agree: {ratings.ratings[0].ratingLabel}</strong>
              </p>
              <RatersList ratings={ratings} />
            </div>
          ) : (
            <div className="ratings-disagree small">
              <p>
                <strong>Raters disagree</strong>
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
          <span className="rater-name">{r.rater.name}</span> <RatingBadge rating={r.rating} />
          {r.note ? <span className="rater-note">{r.note}</span> : null}
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
  if (!ratings.revealed) {
    return (
      <p className="reason small">
        This claim is rated independently: the verdict’s rating can be set once both checkers have rated it (
        {ratingsInWords(ratings)}).
      </p>
    )
  }
  const [first, second] = ratings.ratings
  if (!first || !second) return null
  if (ratings.agreement === 'agree') {
    return <p className="muted small">Both raters chose {first.ratingLabel}.</p>
  }
  return (
    <fieldset className="rating-choice small">
      <legend>The raters disagree: start from one of their ratings</legend>
      {[first, second].map((r) => (
        <button
          key={r.id}
          type="button"
          aria-pressed={current === r.rating}
          onClick={() => onChoose(r.rating)}
        >
          Use {r.ratingLabel} ({r.rater.name})
        </button>
      ))}
    </fieldset>
  )
}
