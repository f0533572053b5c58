import { roleAtLeast, type SessionUser } from '@counterclaim/shared'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { accountListQuery } from '../api/accounts.ts'
import { AccountCreateForm } from './account-create-form.tsx'
import { AccountItem } from './account-item.tsx'
import './accounts.css'

/** The desk's accounts, for admins: who can sign in, with which role; add a colleague. */
export function AccountsPage({ user }: { user: SessionUser }) {
  if (!roleAtLeast(user.role, 'admin')) {
    return (
      <section aria-labelledby="accounts-heading" className="page">
        <h1 id="accounts-heading">Accounts</h1>
        <EmptyMessage>Only admins manage accounts. Ask an admin to add or change one.</EmptyMessage>
      </section>
    )
  }
  return <AccountList user={user} />
}

function AccountList({ user }: { user: SessionUser }) {
  const accounts = useInfiniteQuery(accountListQuery())
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState('')
  const newButton = useRef<HTMLButtonElement>(null)
  const items = accounts.data?.pages.flatMap((p) => p.items) ?? []

  return (
    <section aria-labelledby="accounts-heading" className="page accounts-page">
      <title>Accounts · Counterclaim</title>
      <div className="page-head">
        <h1 id="accounts-heading">Accounts</h1>
        {creating ? null : (
          <button
            type="button"
            className="primary"
            ref={newButton}
            onClick={() => {
              setCreated('')
              setCreating(true)
            }}
          >
            New account
          </button>
        )}
      </div>
      <p className="muted page-intro">
        Everyone who can sign in to the desk, and what their role lets them do.
      </p>
      <p role="status" className="account-done">
        {created}
      </p>
      {creating ? (
        <AccountCreateForm
          onCreated={(name) => {
            setCreating(false)
            setCreated(`Account created for ${name}.`)
            requestAnimationFrame(() => newButton.current?.focus())
          }}
          onCancel={() => {
            setCreating(false)
            requestAnimationFrame(() => newButton.current?.focus())
          }}
        />
      ) : null}
      {accounts.isPending ? <LoadingMessage>Loading accounts…</LoadingMessage> : null}
      {accounts.error ? (
        <ErrorMessage
          title="The accounts could not be loaded."
          error={accounts.error}
          onRetry={() => accounts.refetch()}
        />
      ) : null}
      {accounts.isSuccess && items.length === 0 ? <EmptyMessage>No accounts yet.</EmptyMessage> : null}
      {items.length ? (
        <ul className="account-list">
          {items.map((account) => (
            <AccountItem key={account.id} account={account} isSelf={account.id === user.id} />
          ))}
        </ul>
      ) : null}
      {accounts.hasNextPage ? (
        <button type="button" onClick={() => accounts.fetchNextPage()} disabled={accounts.isFetchingNextPage}>
          {accounts.isFetchingNextPage ? 'Loading…' : 'Show more accounts'}
        </button>
      ) : null}
    </section>
  )
}
