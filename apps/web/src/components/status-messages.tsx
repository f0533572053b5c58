import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import './status-messages.css'

/** A polite "still loading" line for a screen or a part of one. */
export function LoadingMessage({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="state-message state-loading">
      {children}
    </p>
  )
}

/** Nothing to show, said in words. */
export function EmptyMessage({ children }: { children: ReactNode }) {
  return <p className="state-message state-empty">{children}</p>
}

/** A failure in the API's own words, with a way to try again. */
export function ErrorMessage({
  title,
  error,
  onRetry,
}: {
  title: string
  error: Error
  onRetry?: () => void
}) {
  const { t } = useTranslation('common')
  return (
    <div role="alert" className="state-message state-error">
      <p>
        <strong>{title}</strong> {error.message}
      </p>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('tryAgain')}
        </button>
      ) : null}
    </div>
  )
}

/**
 * What a list's query shows in place of its items: loading, the failure with a retry, or (loaded, with
 * none) the empty message. `what` names the items ("notifications").
 */
export function QueryMessages({
  query,
  what,
  isEmpty,
  empty,
}: {
  query: { isPending: boolean; isSuccess: boolean; error: Error | null; refetch: () => unknown }
  what: string
  isEmpty: boolean
  empty: ReactNode
}) {
  const { t } = useTranslation('common')
  return (
    <>
      {query.isPending ? <LoadingMessage>{t('loadingWhat', { what })}</LoadingMessage> : null}
      {query.error ? (
        <ErrorMessage
          title={t('whatNotLoaded', { what })}
          error={query.error}
          onRetry={() => query.refetch()}
        />
      ) : null}
      {query.isSuccess && isEmpty ? <EmptyMessage>{empty}</EmptyMessage> : null}
    </>
  )
}
