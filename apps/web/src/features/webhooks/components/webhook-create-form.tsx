import { WEBHOOK_SECRET, type WebhookEvent, WebhookEventSchema } from '@counterclaim/shared'
import { type FormEvent, useId, useState } from 'react'
import { Field, Form } from '../../../components/field.tsx'
import { FormFooter } from '../../../components/form-footer.tsx'
import { generateSecret, useCreateWebhook } from '../api/webhooks.ts'
import { EVENT_WORDS } from './webhook-words.ts'

const EVENTS = WebhookEventSchema.options

/** A new webhook: where to send, which events, and the secret the receiver checks signatures with. */
export function WebhookCreateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (url: string) => void
  onCancel: () => void
}) {
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
      <h2 id={headingId}>New webhook</h2>
      <Field
        label="Address"
        labelNote=" (https://…)"
        path="url"
        type="url"
        inputMode="url"
        error={create.error}
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        required
        maxLength={2000}
        hint="Each event is sent here as a signed POST."
      />
      <Field as="group" label="Events" path="events" error={create.error}>
        {EVENTS.map((e) => (
          <label key={e} className="check">
            <input
              type="checkbox"
              checked={events.includes(e)}
              onChange={(x) => toggle(e, x.target.checked)}
            />{' '}
            {EVENT_WORDS[e]} <code className="muted small">{e}</code>
          </label>
        ))}
      </Field>
      <Field
        label="Secret"
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
            Generate
          </button>
        }
        hint={
          generated
            ? 'A strong random secret. Copy it to the receiver now: once saved, only its last four characters are shown.'
            : `${WEBHOOK_SECRET.min} to ${WEBHOOK_SECRET.max} characters; the receiver checks each delivery’s signature with it. Only its last four characters are shown after saving.`
        }
      />
      <FormFooter
        error={create.error}
        failed="The webhook was not added."
        pending={create.isPending}
        submitLabel="Add webhook"
        pendingLabel="Adding…"
        onCancel={onCancel}
      />
    </Form>
  )
}
