import { isRouteErrorResponse, Link, useRouteError } from 'react-router'

/** A path the app does not know. */
export function NotFoundPage() {
  return (
    <section aria-labelledby="not-found-heading" className="page">
      <h1 id="not-found-heading">Page not found</h1>
      <p>
        There is no page at this address. <Link to="/disputes">Go to the disputes</Link>.
      </p>
    </section>
  )
}

/** What a screen shows when it failed to load or crashed: the reason in words, and a way on. */
export function RouteErrorPage() {
  const error = useRouteError()
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error.'
  return (
    <main id="main" className="page">
      <h1>This screen could not be shown</h1>
      <p role="alert" className="error">
        {message}
      </p>
      <p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>{' '}
        or <a href="/disputes">go to the disputes</a>.
      </p>
    </main>
  )
}
