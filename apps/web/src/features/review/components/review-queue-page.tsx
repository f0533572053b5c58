/** Verdicts awaiting an editor's review. The review feature replaces this page. */
export function ReviewQueuePage() {
  return (
    <section aria-labelledby="review-heading" className="page">
      <h1 id="review-heading">Review queue</h1>
      <p className="muted">
        Verdicts submitted for review will be listed here for editors to return or publish.
      </p>
    </section>
  )
}
