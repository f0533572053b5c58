import { type ApiToken, type ApiTokenCreated, LIMITS, type Role, type TokenScope } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { ActionError } from '../../../components/action-error.tsx'
import { formatMoment } from '../../../components/dates.ts'
import { Field, Form } from '../../../components/field.tsx'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import '../../../components/record-list.css'
import { i18n } from '../../../i18n/i18n.ts'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'
import { apiTokenListQuery, useCreateApiToken, useRevokeApiToken } from '../api/api-tokens.ts'
import { roleLabel } from './roles.ts'

/** A scope as the screen names it, in the interface's language. */
function scopeLabel(scope: TokenScope): string {
  return scope === 'read' ? i18n.t('accounts:tokens.scope.read') : i18n.t('accounts:tokens.scope.write')
}

/**
 * The signed-in user's API tokens: make one (shown once, to copy), see which exist and when each was last
 * used, revoke one. The token itself is never shown again: the server keeps only its fingerprint.
 */
export function ApiTokensSection({ role }: { role: Role }) {
  const { t } = useTranslation('accounts')
  const list = useQuery(apiTokenListQuery())
  const [created, setCreated] = useState<ApiTokenCreated | null>(null)
  const [said, setSaid] = useState('')
  const listHeading = useRef<HTMLHeadingElement>(null)
  const ids = { section: useId(), list: useId() }

  return (
    <section aria-labelledby={ids.section} className="api-tokens">
      <h2 id={ids.section}>{t('tokens.heading')}</h2>
      <p className="muted page-intro">{t('tokens.intro')}</p>
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
        {t('tokens.yours')}
      </h3>
      <p role="status" className="done-message">
        {said}
      </p>
      {list.isPending ? (
        <LoadingMessage>{t('tokens.loading')}</LoadingMessage>
      ) : list.isError ? (
        <ErrorMessage title={t('tokens.loadFailed')} error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyMessage>{t('tokens.empty')}</EmptyMessage>
      ) : (
        <ul className="record-list" aria-labelledby={ids.list}>
          {list.data.items.map((token) => (
            <TokenItem
              key={token.id}
              token={token}
              onRevoked={() => {
                setSaid(t('tokens.revoked', { name: token.name }))
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
  const { t } = useTranslation('accounts')
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
      <h3 id={heading}>{t('tokens.new')}</h3>
      <Field
        label={t('tokens.name')}
        dir="auto"
        path="name"
        error={create.error}
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={LIMITS.title}
        required
        hint={t('tokens.nameHint')}
      />
      <Field as="group" label={t('tokens.mayDo')} path="scope" error={create.error}>
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
              <strong>{scopeLabel(value)}</strong>
              {value === 'read' ? t('tokens.readMeans') : t('tokens.writeMeans', { role: roleLabel(role) })}
            </span>
          </label>
        ))}
      </Field>
      <ActionError error={create.error} action={t('tokens.notMade')} />
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t('tokens.creating') : t('tokens.create')}
        </button>
      </div>
    </Form>
  )
}

/** The token just made, shown this once, with a way to copy it. */
function NewToken({ token, onDone }: { token: ApiTokenCreated; onDone: () => void }) {
  const { t } = useTranslation('accounts')
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
        <Trans t={t} i18nKey="tokens.yourNew" values={{ name: token.name }} components={SENTENCE_TAGS} />
      </h3>
      <p id={ids.warning} className="new-token-warning">
        <Trans t={t} i18nKey="tokens.copyNow" components={{ strong: <strong /> }} />
      </p>
      <label htmlFor={ids.input}>
        {t('tokens.tokenLabel', { scope: scopeLabel(token.scope).toLowerCase() })}
      </label>
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
          translate="no"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={copy}>
          {t('tokens.copy')}
        </button>
      </div>
      <p role="status" className="done-message">
        {copied === 'copied' ? t('tokens.copied') : copied === 'failed' ? t('tokens.copyFailed') : ''}
      </p>
      <p className="muted">
        <Trans t={t} i18nKey="tokens.howToSend" components={{ code: <code translate="no" /> }} />
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={onDone}>
          {t('tokens.haveCopied')}
        </button>
      </div>
    </section>
  )
}

function TokenItem({ token, onRevoked }: { token: ApiToken; onRevoked: () => void }) {
  const { t } = useTranslation('accounts')
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
        <h4 id={ids.heading} dir="auto">
          {token.name}
        </h4>
        <span className={`account-state token-scope ${token.scope}`}>{scopeLabel(token.scope)}</span>
      </div>
      <dl className="token-facts">
        <div>
          <dt>{t('tokens.created')}</dt>
          <dd>{formatMoment(token.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('tokens.lastUsed')}</dt>
          <dd>{token.lastUsedAt ? formatMoment(token.lastUsedAt) : t('tokens.never')}</dd>
        </div>
      </dl>
      {confirming ? (
        <div className="account-panel confirm">
          <p id={ids.confirm}>
            <Trans
              t={t}
              i18nKey="tokens.confirmRevoke"
              values={{ name: token.name }}
              components={SENTENCE_TAGS}
            />
          </p>
          <ActionError error={revoke.error} action={t('tokens.notRevoked')} />
          <div className="actions">
            <button
              type="button"
              className="danger"
              aria-describedby={ids.confirm}
              disabled={revoke.isPending}
              onKeyDown={escapeCancels}
              onClick={() => revoke.mutate(token, { onSuccess: onRevoked })}
            >
              {revoke.isPending ? t('tokens.revoking') : t('tokens.revokeToken')}
            </button>
            <button type="button" ref={keepButton} onKeyDown={escapeCancels} onClick={cancel}>
              {t('tokens.keep')}
            </button>
          </div>
        </div>
      ) : (
        <div className="account-actions">
          <button type="button" ref={revokeButton} onClick={() => setConfirming(true)}>
            {t('tokens.revoke')}
            <span className="visually-hidden">
              {' '}
              <Trans t={t} i18nKey="tokens.quoted" values={{ name: token.name }} components={SENTENCE_TAGS} />
            </span>
          </button>
        </div>
      )}
    </li>
  )
}
