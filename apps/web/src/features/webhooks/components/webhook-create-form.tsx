import { WEBHOOK_SECRET, type WebhookEvent, WebhookEventSchema } from '@counterclaim/shared'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field, Form } from '../../../components/field.tsx'
import { FormFooter } from '../../../components/form-footer.tsx'
import { generateSecret, useCreateWebhook } from '../api/webhooks.ts'
import { eventWords } from './webhook-words.ts'

const EVENTS = WebhookEventSchema.options

/** A new webhook: where to send, which events, and the secret the receiver checks signatures with. */
export function WebhookCreateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (url: string) => void
  onCancel: () => void
}) {
  const { t } = useTranslation('webhooks')
  const create = useCreateWebhook()
  const [url, setUrl] = useState('')
  const [events, setEvents] = useState<WebhookEvent[]>([...EVENTS])
  const [secret, setSecret] = useState('')
  const [generated, setGenerated] = useState(false)
  const headingId = useId()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate({ url: url.trim(), events, secret }, { onSuccess: (hook) => onCreated(hook.url) })
  }
  const toggle = (e: WebhookEvent, on: boolean) =>
    setEvents((current) =>
      on ? EVENTS.filter((x) => x === e || current.includes(x)) : current.filter((x) => x !== e),
    )

  return (
    <Form className="panel form-grid webhook-create" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h2 id={headingId}>{t('new')}</h2>
      <Field
        label={t('create.address')}
        labelNote={
          <>
            {' '}
            <span translate="no">(https://…)</span>
          </>
        }
        dir="auto"
        path="url"
        type="url"
        inputMode="url"
        error={create.error}
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        required
        maxLength={2000}
        hint={t('create.addressHint')}
      />
      <Field as="group" label={t('create.events')} path="events" error={create.error}>
        {EVENTS.map((e) => (
          <label key={e} className="check">
            <input
              type="checkbox"
              checked={events.includes(e)}
              onChange={(x) => toggle(e, x.target.checked)}
            />{' '}
            {eventWords(e)}{' '}
            <code className="muted small" translate="no">
              {e}
            </code>
          </label>
        ))}
      </Field>
      <Field
        label={t('create.secret')}
        path="secret"
        type="text"
        autoComplete="off"
        spellCheck={false}
        className="secret-field"
        error={create.error}
        value={secret}
        onChange={(e) => {
          setSecret(e.target.value)
          setGenerated(false)
        }}
        required
        maxLength={WEBHOOK_SECRET.max}
        aside={
          <button
            type="button"
            className="small-button"
            onClick={() => {
              setSecret(generateSecret())
              setGenerated(true)
            }}
          >
            {t('create.generate')}
          </button>
        }
        hint={
          generated
            ? t('create.generatedHint')
            : t('create.secretHint', { min: WEBHOOK_SECRET.min, max: WEBHOOK_SECRET.max })
        }
      />
      <FormFooter
        error={create.error}
        failed={t('create.failed')}
        pending={create.isPending}
        submitLabel={t('create.submit')}
        pendingLabel={t('create.pending')}
        onCancel={onCancel}
      />
    </Form>
  )
}
