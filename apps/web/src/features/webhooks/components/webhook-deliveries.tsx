import { trimAtWord } from '@counterclaim/domain'
import type { WebhookDelivery } from '@counterclaim/shared'
import { useInfiniteQuery } from '@tanstack/react-query'
import { ActionError } from '../../../components/action-error.tsx'
import '../../../components/data-table.css'
import { formatMoment } from '../../../components/dates.ts'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { deliveryListQuery, useRetryDelivery } from '../api/webhooks.ts'
import { EVENT_WORDS, STATUS_WORDS } from './webhook-words.ts'

/** The receiver's last answer, or what went wrong, in words. */
function lastAnswer(d: WebhookDelivery): string {
  if (d.responseStatus !== null) {
    return `Answered ${d.responseStatus}${d.responseBody ? `: ${trimAtWord(d.responseBody, 120)}` : ''}`
  }
  if (d.error) return d.error
  return d.attempts === 0 ? 'Not tried yet' : 'No answer'
}

/** One webhook's deliveries, newest first: status in words, attempts, last answer, next try. */
export function WebhookDeliveries({ webhookId, label }: { webhookId: string; label: string }) {
  const deliveries = useInfiniteQuery(deliveryListQuery(webhookId))
  const retry = useRetryDelivery(webhookId)
  const items = deliveries.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <div className="webhook-deliveries">
      {deliveries.isPending ? <LoadingMessage>Loading deliveries…</LoadingMessage> : null}
      {deliveries.error ? (
        <ErrorMessage
          title="The deliveries could not be loaded."
          error={deliveries.error}
          onRetry={() => deliveries.refetch()}
        />
      ) : null}
      {deliveries.isSuccess && items.length === 0 ? (
        <EmptyMessage>
          Nothing sent yet. A delivery is made when a verdict is published, corrected or withdrawn.
        </EmptyMessage>
      ) : null}
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Deliveries to {label}</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Tries</th>
                <th scope="col">Last answer</th>
                <th scope="col">Next try</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>
                    {EVENT_WORDS[d.event]}
                    <br />
                    <span className="muted small">
                      <time dateTime={d.createdAt}>{formatMoment(d.createdAt)}</time>
                    </span>
                  </td>
                  <td>
                    <span className={`delivery-status delivery-${d.status}`}>{STATUS_WORDS[d.status]}</span>
                    {d.deliveredAt ? (
                      <span className="muted small">
                        {' '}
                        <time dateTime={d.deliveredAt}>{formatMoment(d.deliveredAt)}</time>
                      </span>
                    ) : null}
                  </td>
                  <td>{d.attempts}</td>
                  <td className="delivery-answer">{lastAnswer(d)}</td>
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
                        {retry.isPending && retry.variables === d.id ? 'Trying…' : 'Try again now'}
                        <span className="visually-hidden">
                          : {EVENT_WORDS[d.event]}, {formatMoment(d.createdAt)}
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
      <ActionError error={retry.error} action="The delivery was not tried again." />
      {deliveries.hasNextPage ? (
        <p>
          <button
            type="button"
            onClick={() => deliveries.fetchNextPage()}
            disabled={deliveries.isFetchingNextPage}
          >
            {deliveries.isFetchingNextPage ? 'Loading more…' : 'Show older deliveries'}
          </button>
        </p>
      ) : null}
    </div>
  )
}
