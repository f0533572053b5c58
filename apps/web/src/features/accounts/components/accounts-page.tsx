import type { SessionUser } from '@counterclaim/shared'
import { useInfiniteQuery } from '@tanstack/react-query'
import { AdminOnly, RecordListPage } from '../../../components/record-list-page.tsx'
import { accountListQuery } from '../api/accounts.ts'
import { AccountCreateForm } from './account-create-form.tsx'
import { AccountItem } from './account-item.tsx'
import './accounts.css'

/** The desk's accounts, for admins: who can sign in, with which role; add a colleague. */
export function AccountsPage({ user }: { user: SessionUser }) {
  return (
    <AdminOnly
      user={user}
      title="Accounts"
      headingId="accounts-heading"
      refusal="Only admins manage accounts. Ask an admin to add or change one."
    >
      <AccountList user={user} />
    </AdminOnly>
  )
}

function AccountList({ user }: { user: SessionUser }) {
  const accounts = useInfiniteQuery(accountListQuery())
  return (
    <RecordListPage
      title="Accounts"
      headingId="accounts-heading"
      className="accounts-page"
      intro="Everyone who can sign in to the desk, and what their role lets them do."
      newLabel="New account"
      createForm={(done, cancel) => (
        <AccountCreateForm onCreated={(name) => done(`Account created for ${name}.`)} onCancel={cancel} />
      )}
      query={accounts}
      empty="No accounts yet."
      item={(account) => <AccountItem key={account.id} account={account} isSelf={account.id === user.id} />}
    />
  )
}
