/** One claimant's track record. The claimants feature replaces this page. */
export function ClaimantPage() {
  return (
    <section aria-labelledby="claimant-heading" className="page">
      <h1 id="claimant-heading">Claimant</h1>
      <p className="muted">This claimant's claims and the verdicts on them will be shown here.</p>
    </section>
  )
}
