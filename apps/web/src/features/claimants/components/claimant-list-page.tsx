/** Everyone who has made a claim. The claimants feature replaces this page. */
export function ClaimantListPage() {
  return (
    <section aria-labelledby="claimants-heading" className="page">
      <h1 id="claimants-heading">Claimants</h1>
      <p className="muted">
        People and organisations who made claims will be listed here with their track records.
      </p>
    </section>
  )
}
