import { roleAtLeast, type SessionUser, type Webhook } from '@counterclaim/shared'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useId, useRef, useState } from 'react'
import { Link } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { formatMoment } from '../../../components/dates.ts'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { useRemoveWebhook, webhookListQuery } from '../api/webhooks.ts'
import { WebhookCreateForm } from './webhook-create-form.tsx'
import { WebhookDeliveries } from './webhook-deliveries.tsx'
import { EVENT_WORDS } from './webhook-words.ts'
import './webhooks.css'

/** The desk's webhooks, for admins: where published, corrected and withdrawn verdicts are sent. */
export function WebhooksPage({ user }: { user: SessionUser }) {
  if (!roleAtLeast(user.role, 'admin')) {
    return (
      <section aria-labelledby="webhooks-heading" className="page">
        <h1 id="webhooks-heading">Webhooks</h1>
        <EmptyMessage>Only admins manage webhooks. Ask an admin to add or remove one.</EmptyMessage>
      </section>
    )
  }
  return <WebhookList />
}

function WebhookList() {
  const hooks = useInfiniteQuery(webhookListQuery())
  const [creating, setCreating] = useState(false)
  const [done, setDone] = useState('')
  const newButton = useRef<HTMLButtonElement>(null)
  const items = hooks.data?.pages.flatMap((p) => p.items) ?? []
  const focusNew = () => requestAnimationFrame(() => newButton.current?.focus())

  return (
    <section aria-labelledby="webhooks-heading" className="page webhooks-page">
      <title>Webhooks · Counterclaim</title>
      <p className="breadcrumb small">
        <Link to="/accounts">Accounts</Link> / Webhooks
      </p>
      <div className="page-head">
        <h1 id="webhooks-heading">Webhooks</h1>
        {creating ? null : (
          <button
            type="button"
            className="primary"
            ref={newButton}
            onClick={() => {
              setDone('')
              setCreating(true)
            }}
          >
            New webhook
          </button>
        )}
      </div>
      <p className="muted page-intro">
        Other systems told of each verdict the desk publishes, corrects or withdraws: a signed POST of its
        ClaimReview, tried again with growing pauses until the receiver answers.
      </p>
      <p role="status" className="webhook-done">
        {done}
      </p>
      {creating ? (
        <WebhookCreateForm
          onCreated={(url) => {
            setCreating(false)
            setDone(`Webhook added: ${url}.`)
            focusNew()
          }}
          onCancel={() => {
            setCreating(false)
            focusNew()
          }}
        />
      ) : null}
      {hooks.isPending ? <LoadingMessage>Loading webhooks…</LoadingMessage> : null}
      {hooks.error ? (
        <ErrorMessage
          title="The webhooks could not be loaded."
          error={hooks.error}
          onRetry={() => hooks.refetch()}
        />
      ) : null}
      {hooks.isSuccess && items.length === 0 ? (
        <EmptyMessage>
          No webhooks yet. Add one to send verdicts to another system as they are published.
        </EmptyMessage>
      ) : null}
      {items.length > 0 ? (
        <ul className="webhook-list">
          {items.map((hook) => (
            <WebhookItem
              key={hook.id}
              hook={hook}
              onRemoved={() => {
                setDone(`Webhook removed: ${hook.url}.`)
                focusNew()
              }}
            />
          ))}
        </ul>
      ) : null}
      {hooks.hasNextPage ? (
        <p>
          <button type="button" onClick={() => hooks.fetchNextPage()} disabled={hooks.isFetchingNextPage}>
            {hooks.isFetchingNextPage ? 'Loading more…' : 'Show more webhooks'}
          </button>
        </p>
      ) : null}
    </section>
  )
}

function WebhookItem({ hook, onRemoved }: { hook: Webhook; onRemoved: () => void }) {
  const remove = useRemoveWebhook()
  const [confirming, setConfirming] = useState(false)
  const [showDeliveries, setShowDeliveries] = useState(false)
  const headingId = useId()
  const deliveriesId = useId()
  return (
    <li className="webhook" aria-labelledby={headingId}>
      <h2 id={headingId} className="webhook-url">
        {hook.url}
      </h2>
      <dl className="facts small">
        <dt>Events</dt>
        <dd>{hook.events.map((e) => EVENT_WORDS[e]).join('; ')}</dd>
        <dt>Secret</dt>
        <dd>
          ends in <code>{hook.secretHint}</code>
        </dd>
        <dt>Added</dt>
        <dd>
          <time dateTime={hook.createdAt}>{formatMoment(hook.createdAt)}</time>
        </dd>
      </dl>
      <div className="actions compact">
        <button
          type="button"
          aria-expanded={showDeliveries}
          aria-controls={deliveriesId}
          onClick={() => setShowDeliveries((s) => !s)}
        >
          {showDeliveries ? 'Hide deliveries' : 'Deliveries'}
          <span className="visually-hidden"> to {hook.url}</span>
        </button>
        {confirming ? null : (
          <button type="button" onClick={() => setConfirming(true)}>
            Remove…<span className="visually-hidden"> {hook.url}</span>
          </button>
        )}
      </div>
      {confirming ? (
        <div className="confirm state-message state-warning">
          <p>
            Remove this webhook? Nothing more is sent to {hook.url}; deliveries waiting to be sent are
            dropped.
          </p>
          <div className="actions compact">
            <button
              type="button"
              className="primary"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate({ id: hook.id, version: hook.version }, { onSuccess: () => onRemoved() })
              }
            >
              {remove.isPending ? 'Removing…' : 'Remove webhook'}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      ) : null}
      <ActionError error={remove.error} action="The webhook was not removed." />
      <div id={deliveriesId} hidden={!showDeliveries}>
        {showDeliveries ? <WebhookDeliveries webhookId={hook.id} label={hook.url} /> : null}
      </div>
    </li>
  )
}
