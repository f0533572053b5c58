import type { SessionUser } from '@counterclaim/shared'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiTokensSection } from './api-tokens.tsx'
import { roleLabel } from './roles.ts'
import './accounts.css'

/** The signed-in user's own account: who they are, their password, their API tokens. */
export function AccountPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation('accounts')
  return (
    <section aria-labelledby="account-heading" className="page account-page">
      <title>{t('own.documentTitle')}</title>
      <h1 id="account-heading">{t('own.heading')}</h1>
      <p className="account-self">
        <span dir="auto">{user.name}</span>,{' '}
        <span className="account-email" dir="auto">
          {user.email}
        </span>
        . {roleLabel(user.role)}. <Link to="/account/password">{t('own.changePassword')}</Link>
      </p>
      <ApiTokensSection role={user.role} />
    </section>
  )
}
