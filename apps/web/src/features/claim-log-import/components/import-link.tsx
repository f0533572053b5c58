import { roleAtLeast, type SessionUser } from '@counterclaim/shared'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'

/** The claim log's way to the import screen, for editors and admins (checkers do not import). */
export function ImportLink({ user }: { user: SessionUser }) {
  const { t } = useTranslation('claimLogImport')
  if (!roleAtLeast(user.role, 'editor')) return null
  return (
    <p className="import-link">
      <Link to="/claim-log/import">{t('link')}</Link>
    </p>
  )
}
