import { trimAtWord } from '@counterclaim/domain'
import type { WebhookDelivery } from '@counterclaim/shared'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ActionError } from '../../../components/action-error.tsx'
import '../../../components/data-table.css'
import { formatMoment, formatNumber } from '../../../components/dates.ts'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { i18n } from '../../../i18n/i18n.ts'
import { deliveryListQuery, useRetryDelivery } from '../api/webhooks.ts'
import { eventWords, statusWords } from './webhook-words.ts'

/** The receiver's last answer, or what went wrong, in words. */
function lastAnswer(d: WebhookDelivery): string {
  if (d.responseStatus !== null) {
    const status = String(d.responseStatus)
    return d.responseBody
      ? i18n.t('webhooks:deliveries.answeredWith', { status, body: trimAtWord(d.responseBody, 120) })
      : i18n.t('webhooks:deliveries.answered', { status })
  }
  if (d.error) return d.error
  return d.attempts === 0 ? i18n.t('webhooks:deliveries.notTried') : i18n.t('webhooks:deliveries.noAnswer')
}

/** One webhook's deliveries, newest first: status in words, attempts, last answer, next try. */
export function WebhookDeliveries({ webhookId, label }: { webhookId: string; label: string }) {
  const { t } = useTranslation('webhooks')
  const deliveries = useInfiniteQuery(deliveryListQuery(webhookId))
  const retry = useRetryDelivery(webhookId)
  const items = deliveries.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <div className="webhook-deliveries">
      {deliveries.isPending ? <LoadingMessage>{t('deliveries.loading')}</LoadingMessage> : null}
      {deliveries.error ? (
        <ErrorMessage
          title={t('deliveries.loadFailed')}
          error={deliveries.error}
          onRetry={() => deliveries.refetch()}
        />
      ) : null}
      {deliveries.isSuccess && items.length === 0 ? (
        <EmptyMessage>{t('deliveries.empty')}</EmptyMessage>
      ) : null}
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">
              {t('deliveries.caption')} <span dir="auto">{label}</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('deliveries.column.event')}</th>
                <th scope="col">{t('deliveries.column.status')}</th>
                <th scope="col">{t('deliveries.column.tries')}</th>
                <th scope="col">{t('deliveries.column.lastAnswer')}</th>
                <th scope="col">{t('deliveries.column.nextTry')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('deliveries.column.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>
                    {eventWords(d.event)}
                    <br />
                    <span className="muted small">
                      <time dateTime={d.createdAt}>{formatMoment(d.createdAt)}</time>
                    </span>
                  </td>
                  <td>
                    <span className={`delivery-status delivery-${d.status}`}>{statusWords(d.status)}</span>
                    {d.deliveredAt ? (
                      <span className="muted small">
                        {' '}
                        <time dateTime={d.deliveredAt}>{formatMoment(d.deliveredAt)}</time>
                      </span>
                    ) : null}
                  </td>
                  <td>{formatNumber(d.attempts)}</td>
                  <td className="delivery-answer" translate={d.responseBody || d.error ? 'no' : undefined}>
                    {lastAnswer(d)}
                  </td>
                  <td>
                    {d.nextAttemptAt && (d.status === 'pending' || d.status === 'retrying') ? (
                      <time dateTime={d.nextAttemptAt}>{formatMoment(d.nextAttemptAt)}</time>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {d.status === 'failed' || d.status === 'retrying' ? (
                      <button
                        type="button"
                        className="small-button"
                        disabled={retry.isPending}
                        onClick={() => retry.mutate(d.id)}
                      >
                        {retry.isPending && retry.variables === d.id
                          ? t('deliveries.trying')
                          : t('deliveries.tryNow')}
                        <span className="visually-hidden">
                          : {eventWords(d.event)}, {formatMoment(d.createdAt)}
                        </span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ActionError error={retry.error} action={t('deliveries.notRetried')} />
      {deliveries.hasNextPage ? (
        <p>
          <button
            type="button"
            onClick={() => deliveries.fetchNextPage()}
            disabled={deliveries.isFetchingNextPage}
          >
            {deliveries.isFetchingNextPage ? t('deliveries.loadingMore') : t('deliveries.older')}
          </button>
        </p>
      ) : null}
    </div>
  )
}
