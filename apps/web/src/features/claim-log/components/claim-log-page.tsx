/** The claim log: one row per claim across every dispute. The claim-log feature replaces this page. */
export function ClaimLogPage() {
  return (
    <section aria-labelledby="claim-log-heading" className="page">
      <h1 id="claim-log-heading">Claim log</h1>
      <p className="muted">
        Every claim across all disputes, with its verdict, will be listed here with filters and a CSV export.
      </p>
    </section>
  )
}
