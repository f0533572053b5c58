import type { SessionUser } from '@counterclaim/shared'
import { Link } from 'react-router'
import { ApiTokensSection } from './api-tokens.tsx'
import { ROLE_LABELS } from './roles.ts'
import './accounts.css'

/** The signed-in user's own account: who they are, their password, their API tokens. */
export function AccountPage({ user }: { user: SessionUser }) {
  return (
    <section aria-labelledby="account-heading" className="page account-page">
      <title>Your account · Counterclaim</title>
      <h1 id="account-heading">Your account</h1>
      <p className="account-self">
        {user.name}, <span className="account-email">{user.email}</span>. {ROLE_LABELS[user.role]}.{' '}
        <Link to="/account/password">Change password</Link>
      </p>
      <ApiTokensSection role={user.role} />
    </section>
  )
}
