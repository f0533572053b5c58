import type { SessionUser, Webhook } from '@counterclaim/shared'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { Link } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { formatMoment } from '../../../components/dates.ts'
import { AdminOnly, RecordListPage } from '../../../components/record-list-page.tsx'
import { useRemoveWebhook, webhookListQuery } from '../api/webhooks.ts'
import { WebhookCreateForm } from './webhook-create-form.tsx'
import { WebhookDeliveries } from './webhook-deliveries.tsx'
import { EVENT_WORDS } from './webhook-words.ts'
import './webhooks.css'

/** The desk's webhooks, for admins: where published, corrected and withdrawn verdicts are sent. */
export function WebhooksPage({ user }: { user: SessionUser }) {
  return (
    <AdminOnly
      user={user}
      title="Webhooks"
      headingId="webhooks-heading"
      refusal="Only admins manage webhooks. Ask an admin to add or remove one."
    >
      <WebhookList />
    </AdminOnly>
  )
}

function WebhookList() {
  const hooks = useInfiniteQuery(webhookListQuery())
  return (
    <RecordListPage
      title="Webhooks"
      headingId="webhooks-heading"
      className="webhooks-page"
      before={
        <p className="breadcrumb small">
          <Link to="/accounts">Accounts</Link> / Webhooks
        </p>
      }
      intro={
        <>
          Other systems told of each verdict the desk publishes, corrects or withdraws: a signed POST of its
          ClaimReview, tried again with growing pauses until the receiver answers.
        </>
      }
      newLabel="New webhook"
      createForm={(done, cancel) => (
        <WebhookCreateForm onCreated={(url) => done(`Webhook added: ${url}.`)} onCancel={cancel} />
      )}
      query={hooks}
      empty="No webhooks yet. Add one to send verdicts to another system as they are published."
      item={(hook, announce) => (
        <WebhookItem key={hook.id} hook={hook} onRemoved={() => announce(`Webhook removed: ${hook.url}.`)} />
      )}
    />
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
