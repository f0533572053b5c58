import { Trans, useTranslation } from 'react-i18next'
import { isRouteErrorResponse, Link, useRouteError } from 'react-router'

/** A path the app does not know. */
export function NotFoundPage() {
  const { t } = useTranslation('pages')
  return (
    <section aria-labelledby="not-found-heading" className="page">
      <h1 id="not-found-heading">{t('notFound.title')}</h1>
      <p>
        <Trans t={t} i18nKey="notFound.text" components={{ go: <Link to="/disputes" /> }} />
      </p>
    </section>
  )
}

/** What a screen shows when it failed to load or crashed: the reason in words, and a way on. */
export function RouteErrorPage() {
  const { t } = useTranslation('pages')
  const error = useRouteError()
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : t('error.unknown')
  return (
    <main id="main" className="page">
      <h1>{t('error.title')}</h1>
      <p role="alert" className="error">
        {message}
      </p>
      <p>
        <Trans
          t={t}
          i18nKey="error.way"
          components={{
            reload: <button type="button" onClick={() => window.location.reload()} />,
            // biome-ignore lint/a11y/useAnchorContent: the catalogue's words fill the link
            go: <a href="/disputes" />,
          }}
        />
      </p>
    </main>
  )
}
