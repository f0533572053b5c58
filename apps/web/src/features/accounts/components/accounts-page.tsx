import type { SessionUser } from '@counterclaim/shared'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { AdminOnly, RecordListPage } from '../../../components/record-list-page.tsx'
import { accountListQuery } from '../api/accounts.ts'
import { AccountCreateForm } from './account-create-form.tsx'
import { AccountItem } from './account-item.tsx'
import './accounts.css'

/** The desk's accounts, for admins: who can sign in, with which role; add a colleague. */
export function AccountsPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation('accounts')
  return (
    <AdminOnly
      user={user}
      title={t('list.title')}
      headingId="accounts-heading"
      refusal={t('list.adminsOnly')}
    >
      <AccountList user={user} />
    </AdminOnly>
  )
}

function AccountList({ user }: { user: SessionUser }) {
  const { t } = useTranslation('accounts')
  const accounts = useInfiniteQuery(accountListQuery())
  return (
    <RecordListPage
      title={t('list.title')}
      headingId="accounts-heading"
      className="accounts-page"
      intro={t('list.intro')}
      newLabel={t('create.heading')}
      createForm={(done, cancel) => (
        <AccountCreateForm onCreated={(name) => done(t('list.created', { name }))} onCancel={cancel} />
      )}
      query={accounts}
      empty={t('list.empty')}
      item={(account) => <AccountItem key={account.id} account={account} isSelf={account.id === user.id} />}
    />
  )
}
