import type { SessionUser, Webhook } from '@counterclaim/shared'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { formatMoment } from '../../../components/dates.ts'
import { AdminOnly, RecordListPage } from '../../../components/record-list-page.tsx'
import { useRemoveWebhook, webhookListQuery } from '../api/webhooks.ts'
import { WebhookCreateForm } from './webhook-create-form.tsx'
import { WebhookDeliveries } from './webhook-deliveries.tsx'
import { eventWords } from './webhook-words.ts'
import './webhooks.css'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'

/** The desk's webhooks, for admins: where published, corrected and withdrawn verdicts are sent. */
export function WebhooksPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation('webhooks')
  return (
    <AdminOnly user={user} title={t('title')} headingId="webhooks-heading" refusal={t('adminsOnly')}>
      <WebhookList />
    </AdminOnly>
  )
}

function WebhookList() {
  const { t } = useTranslation('webhooks')
  const hooks = useInfiniteQuery(webhookListQuery())
  return (
    <RecordListPage
      title={t('title')}
      headingId="webhooks-heading"
      className="webhooks-page"
      before={
        <p className="breadcrumb small">
          <Link to="/accounts">{t('accounts')}</Link> / {t('title')}
        </p>
      }
      intro={t('intro')}
      newLabel={t('new')}
      createForm={(done, cancel) => (
        <WebhookCreateForm onCreated={(url) => done(t('added', { url }))} onCancel={cancel} />
      )}
      query={hooks}
      empty={t('empty')}
      item={(hook, announce) => (
        <WebhookItem key={hook.id} hook={hook} onRemoved={() => announce(t('removed', { url: hook.url }))} />
      )}
    />
  )
}

function WebhookItem({ hook, onRemoved }: { hook: Webhook; onRemoved: () => void }) {
  const { t } = useTranslation('webhooks')
  const remove = useRemoveWebhook()
  const [confirming, setConfirming] = useState(false)
  const [showDeliveries, setShowDeliveries] = useState(false)
  const headingId = useId()
  const deliveriesId = useId()
  return (
    <li className="webhook" aria-labelledby={headingId}>
      <h2 id={headingId} className="webhook-url" dir="auto">
        {hook.url}
      </h2>
      <dl className="facts small">
        <dt>{t('create.events')}</dt>
        <dd>{hook.events.map(eventWords).join('; ')}</dd>
        <dt>{t('create.secret')}</dt>
        <dd>
          {t('endsIn')} <code translate="no">{hook.secretHint}</code>
        </dd>
        <dt>{t('addedOn')}</dt>
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
          {showDeliveries ? t('hideDeliveries') : t('deliveries.show')}
          <span className="visually-hidden">
            {' '}
            {t('to')} <span dir="auto">{hook.url}</span>
          </span>
        </button>
        {confirming ? null : (
          <button type="button" onClick={() => setConfirming(true)}>
            {t('remove')}
            <span className="visually-hidden">
              {' '}
              <span dir="auto">{hook.url}</span>
            </span>
          </button>
        )}
      </div>
      {confirming ? (
        <div className="confirm state-message state-warning">
          <p>
            <Trans t={t} i18nKey="confirmRemove" values={{ url: hook.url }} components={SENTENCE_TAGS} />
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
              {remove.isPending ? t('removing') : t('removeWebhook')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('keep')}
            </button>
          </div>
        </div>
      ) : null}
      <ActionError error={remove.error} action={t('notRemoved')} />
      <div id={deliveriesId} hidden={!showDeliveries}>
        {showDeliveries ? <WebhookDeliveries webhookId={hook.id} label={hook.url} /> : null}
      </div>
    </li>
  )
}
