import { LIMITS } from '@counterclaim/shared'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ActionError } from '../../../components/action-error.tsx'
import { Field, Form } from '../../../components/field.tsx'
import { ApiError } from '../../../lib/api-client.ts'
import { useChangePassword } from '../api/accounts.ts'
import './accounts.css'

/** Anyone changes their own password; every other place they are signed in is signed out. */
export function ChangePasswordPage() {
  const { t } = useTranslation('accounts')
  const change = useChangePassword()
  const [currentPassword, setCurrent] = useState('')
  const [newPassword, setNew] = useState('')
  const [repeat, setRepeat] = useState('')
  const [mismatch, setMismatch] = useState<Error | null>(null)
  const error = mismatch ?? change.error

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (newPassword !== repeat) {
      change.reset()
      setMismatch(
        new ApiError(400, 'validation_failed', t('password.differ'), [
          { path: 'repeatPassword', message: t('password.notSame') },
        ]),
      )
      return
    }
    setMismatch(null)
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('')
          setNew('')
          setRepeat('')
        },
      },
    )
  }

  return (
    <section aria-labelledby="password-heading" className="page password-page">
      <title>{t('password.documentTitle')}</title>
      <h1 id="password-heading">{t('password.heading')}</h1>
      <p className="muted page-intro">{t('password.intro')}</p>
      <Form className="panel form-grid" onSubmit={submit} noValidate>
        <Field
          label={t('password.current')}
          path="currentPassword"
          type="password"
          autoComplete="current-password"
          error={error}
          value={currentPassword}
          onChange={(e) => setCurrent(e.target.value)}
          maxLength={LIMITS.password}
          required
        />
        <Field
          label={t('password.new')}
          path="newPassword"
          type="password"
          autoComplete="new-password"
          error={error}
          value={newPassword}
          onChange={(e) => setNew(e.target.value)}
          maxLength={LIMITS.password}
          required
          hint={t('password.newHint')}
        />
        <Field
          label={t('password.again')}
          path="repeatPassword"
          type="password"
          autoComplete="new-password"
          error={error}
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          maxLength={LIMITS.password}
          required
        />
        <ActionError error={error} action={t('password.failed')} />
        <p role="status" className="done-message">
          {change.isSuccess ? t('password.done') : ''}
        </p>
        <div className="actions">
          <button type="submit" className="primary" disabled={change.isPending}>
            {change.isPending ? t('password.changing') : t('password.heading')}
          </button>
        </div>
      </Form>
    </section>
  )
}
