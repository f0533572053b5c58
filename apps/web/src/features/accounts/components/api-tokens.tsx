import { type ApiToken, type ApiTokenCreated, LIMITS, type Role, type TokenScope } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { formatMoment } from '../../../components/dates.ts'
import { Field, Form } from '../../../components/field.tsx'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import '../../../components/record-list.css'
import { apiTokenListQuery, useCreateApiToken, useRevokeApiToken } from '../api/api-tokens.ts'
import { ROLE_LABELS } from './roles.ts'

/** A scope as the screen names it. */
const SCOPE_LABELS: Record<TokenScope, string> = { read: 'Read only', write: 'Read and write' }

/**
 * The signed-in user's API tokens: make one (shown once, to copy), see which exist and when each was last
 * used, revoke one. The token itself is never shown again: the server keeps only its fingerprint.
 */
export function ApiTokensSection({ role }: { role: Role }) {
  const list = useQuery(apiTokenListQuery())
  const [created, setCreated] = useState<ApiTokenCreated | null>(null)
  const [said, setSaid] = useState('')
  const listHeading = useRef<HTMLHeadingElement>(null)
  const ids = { section: useId(), list: useId() }

  return (
    <section aria-labelledby={ids.section} className="api-tokens">
      <h2 id={ids.section}>API tokens</h2>
      <p className="muted page-intro">
        An API token lets a script or another system use Counterclaim as you, without your password. It can do
        what your role allows and no more, and it can never manage accounts, change a password, or make or
        revoke tokens.
      </p>
      {created ? (
        <NewToken
          token={created}
          onDone={() => {
            setCreated(null)
            listHeading.current?.focus()
          }}
        />
      ) : null}
      <CreateTokenForm
        role={role}
        onCreated={(token) => {
          setSaid('')
          setCreated(token)
        }}
      />
      <h3 id={ids.list} ref={listHeading} tabIndex={-1}>
        Your tokens
      </h3>
      <p role="status" className="done-message">
        {said}
      </p>
      {list.isPending ? (
        <LoadingMessage>Loading your tokens…</LoadingMessage>
      ) : list.isError ? (
        <ErrorMessage
          title="Your tokens could not be loaded."
          error={list.error}
          onRetry={() => list.refetch()}
        />
      ) : list.data.items.length === 0 ? (
        <EmptyMessage>You have no API tokens. Make one above when a script or system needs one.</EmptyMessage>
      ) : (
        <ul className="record-list" aria-labelledby={ids.list}>
          {list.data.items.map((token) => (
            <TokenItem
              key={token.id}
              token={token}
              onRevoked={() => {
                setSaid(`“${token.name}” is revoked: anything that used it can no longer sign in with it.`)
                listHeading.current?.focus()
              }}
            />
          ))}
        </ul>
      )}
    </section>
  )
}

function CreateTokenForm({ role, onCreated }: { role: Role; onCreated: (token: ApiTokenCreated) => void }) {
  const create = useCreateApiToken()
  const [name, setName] = useState('')
  const [scope, setScope] = useState<TokenScope>('read')
  const heading = useId()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate(
      { name, scope },
      {
        onSuccess: (token) => {
          setName('')
          setScope('read')
          onCreated(token)
        },
      },
    )
  }

  return (
    <Form className="panel form-grid token-create" aria-labelledby={heading} onSubmit={submit} noValidate>
      <h3 id={heading}>New token</h3>
      <Field
        label="Name"
        path="name"
        error={create.error}
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={LIMITS.title}
        required
        hint="What will use it, so you know it again later: “Newsletter export”, say."
      />
      <Field as="group" label="What it may do" path="scope" error={create.error}>
        {(['read', 'write'] as const).map((value) => (
          <label key={value} className="check token-scope-choice">
            <input
              type="radio"
              name="scope"
              value={value}
              checked={scope === value}
              onChange={() => setScope(value)}
            />{' '}
            <span>
              <strong>{SCOPE_LABELS[value]}</strong>
              {value === 'read'
                ? ': it can look at disputes, claims, evidence, verdicts and the claim log, and change nothing.'
                : `: it can also make changes, as far as your role (${ROLE_LABELS[role]}) allows.`}
            </span>
          </label>
        ))}
      </Field>
      <ActionError error={create.error} action="The token was not made." />
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </Form>
  )
}

/** The token just made, shown this once, with a way to copy it. */
function NewToken({ token, onDone }: { token: ApiTokenCreated; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null)
  const input = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState<'' | 'copied' | 'failed'>('')
  const ids = { heading: useId(), input: useId(), warning: useId() }
  // Focus comes here so a keyboard or screen-reader user meets the token at once.
  useEffect(() => heading.current?.focus(), [])

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token)
      setCopied('copied')
    } catch {
      input.current?.select()
      setCopied('failed')
    }
  }

  return (
    <section className="account-panel new-token" aria-labelledby={ids.heading}>
      <h3 id={ids.heading} ref={heading} tabIndex={-1}>
        Your new token “{token.name}”
      </h3>
      <p id={ids.warning} className="new-token-warning">
        <strong>Copy it now: you will not see this again.</strong> Counterclaim keeps only a fingerprint of
        it, so it cannot show it to you later. If you lose it, revoke it and make another.
      </p>
      <label htmlFor={ids.input}>Token ({SCOPE_LABELS[token.scope].toLowerCase()})</label>
      <div className="token-copy">
        <input
          id={ids.input}
          ref={input}
          className="token-value"
          readOnly
          value={token.token}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={ids.warning}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={copy}>
          Copy token
        </button>
      </div>
      <p role="status" className="done-message">
        {copied === 'copied'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? 'This browser did not let the page copy it: the token is selected, so press Ctrl+C (⌘C on a Mac).'
            : ''}
      </p>
      <p className="muted">
        A script sends it in the header <code>Authorization: Bearer</code> followed by the token.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={onDone}>
          I have copied it
        </button>
      </div>
    </section>
  )
}

function TokenItem({ token, onRevoked }: { token: ApiToken; onRevoked: () => void }) {
  const revoke = useRevokeApiToken()
  const [confirming, setConfirming] = useState(false)
  const ids = { heading: useId(), confirm: useId() }
  const revokeButton = useRef<HTMLButtonElement>(null)
  const keepButton = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (confirming) keepButton.current?.focus()
  }, [confirming])

  const cancel = () => {
    setConfirming(false)
    revoke.reset()
    // After the panel closes, so the button exists again.
    requestAnimationFrame(() => revokeButton.current?.focus())
  }

  // Escape closes the question, as Keep it does.
  const escapeCancels = (e: KeyboardEvent) => {
    if (e.key === 'Escape') cancel()
  }

  return (
    <li className="account token" aria-labelledby={ids.heading}>
      <div className="account-head">
        <h4 id={ids.heading}>{token.name}</h4>
        <span className={`account-state token-scope ${token.scope}`}>{SCOPE_LABELS[token.scope]}</span>
      </div>
      <dl className="token-facts">
        <div>
          <dt>Created</dt>
          <dd>{formatMoment(token.createdAt)}</dd>
        </div>
        <div>
          <dt>Last used</dt>
          <dd>{token.lastUsedAt ? formatMoment(token.lastUsedAt) : 'Never'}</dd>
        </div>
      </dl>
      {confirming ? (
        <div className="account-panel confirm">
          <p id={ids.confirm}>
            Revoke “{token.name}”? Anything that uses it stops working at once. This cannot be undone.
          </p>
          <ActionError error={revoke.error} action="The token was not revoked." />
          <div className="actions">
            <button
              type="button"
              className="danger"
              aria-describedby={ids.confirm}
              disabled={revoke.isPending}
              onKeyDown={escapeCancels}
              onClick={() => revoke.mutate(token, { onSuccess: onRevoked })}
            >
              {revoke.isPending ? 'Revoking…' : 'Revoke token'}
            </button>
            <button type="button" ref={keepButton} onKeyDown={escapeCancels} onClick={cancel}>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <div className="account-actions">
          <button type="button" ref={revokeButton} onClick={() => setConfirming(true)}>
            Revoke<span className="visually-hidden"> “{token.name}”</span>
          </button>
        </div>
      )}
    </li>
  )
}
