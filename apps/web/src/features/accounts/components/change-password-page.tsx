import { LIMITS } from '@counterclaim/shared'
import { type FormEvent, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { Field, Form } from '../../../components/field.tsx'
import { ApiError } from '../../../lib/api-client.ts'
import { useChangePassword } from '../api/accounts.ts'
import './accounts.css'

/** Anyone changes their own password; every other place they are signed in is signed out. */
export function ChangePasswordPage() {
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
        new ApiError(400, 'validation_failed', 'The two new passwords differ.', [
          { path: 'repeatPassword', message: 'is not the same as the new password' },
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
      <title>Change password · Counterclaim</title>
      <h1 id="password-heading">Change password</h1>
      <p className="muted page-intro">
        Changing it here signs you out everywhere else you are signed in; this browser stays signed in.
      </p>
      <Form className="panel form-grid" onSubmit={submit} noValidate>
        <Field
          label="Current password"
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
          label="New password"
          path="newPassword"
          type="password"
          autoComplete="new-password"
          error={error}
          value={newPassword}
          onChange={(e) => setNew(e.target.value)}
          maxLength={LIMITS.password}
          required
          hint="12 characters at least, and not one of the most common passwords. A few unrelated words make a good one."
        />
        <Field
          label="New password again"
          path="repeatPassword"
          type="password"
          autoComplete="new-password"
          error={error}
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          maxLength={LIMITS.password}
          required
        />
        <ActionError error={error} action="Your password was not changed." />
        <p role="status" className="done-message">
          {change.isSuccess
            ? 'Your password is changed. Anywhere else you were signed in has been signed out.'
            : ''}
        </p>
        <div className="actions">
          <button type="submit" className="primary" disabled={change.isPending}>
            {change.isPending ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </Form>
    </section>
  )
}
