import { LIMITS, ROLES, type Role, type User } from '@counterclaim/shared'
import { type FormEvent, type RefObject, useEffect, useId, useRef, useState } from 'react'
import { Link } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { Field, FieldScope } from '../../../components/field.tsx'
import { type AccountPatch, useUpdateAccount } from '../api/accounts.ts'
import { ROLE_LABELS } from './roles.ts'

type Mode = 'idle' | 'password' | 'confirm-disable'

/** One account on the Accounts screen: its role, a new password, disable or enable. */
export function AccountItem({ account, isSelf }: { account: User; isSelf: boolean }) {
  const update = useUpdateAccount()
  const [role, setRole] = useState<Role>(account.role)
  const [mode, setMode] = useState<Mode>('idle')
  const [password, setPassword] = useState('')
  const [done, setDone] = useState('')
  const [failed, setFailed] = useState('')
  const ids = { heading: useId(), confirm: useId() }
  const passwordButton = useRef<HTMLButtonElement>(null)
  const disableButton = useRef<HTMLButtonElement>(null)
  const confirmCancel = useRef<HTMLButtonElement>(null)
  const passwordForm = useRef<HTMLFormElement>(null)

  // The saved role follows the record when it changes (here or elsewhere).
  useEffect(() => setRole(account.role), [account.role])
  useEffect(() => {
    if (mode !== 'idle') setDone('')
    if (mode === 'password') passwordForm.current?.querySelector('input')?.focus()
    if (mode === 'confirm-disable') confirmCancel.current?.focus()
  }, [mode])

  const close = (back: RefObject<HTMLButtonElement | null>) => {
    setMode('idle')
    setPassword('')
    update.reset()
    back.current?.focus()
  }

  const change = (patch: AccountPatch, what: string, onDone: () => void) => {
    setDone('')
    setFailed(what)
    update.mutate({ id: account.id, version: account.version, patch }, { onSuccess: onDone })
  }

  const saveRole = (event: FormEvent) => {
    event.preventDefault()
    change({ role }, 'The role was not changed.', () => setDone(`Role changed to ${ROLE_LABELS[role]}.`))
  }
  const savePassword = (event: FormEvent) => {
    event.preventDefault()
    change({ password }, 'The password was not set.', () => {
      setMode('idle')
      setPassword('')
      setDone(`New password set for ${account.name}. They have been signed out everywhere.`)
      passwordButton.current?.focus()
    })
  }
  const setDisabled = (disabled: boolean) =>
    change({ disabled }, disabled ? 'The account was not disabled.' : 'The account was not enabled.', () => {
      setMode('idle')
      setDone(
        disabled
          ? `${account.name} is disabled and has been signed out everywhere.`
          : `${account.name} can sign in again.`,
      )
    })

  return (
    // The password and role fields show their own problems; the other failures show at the end.
    <FieldScope>
      <li className="account" aria-labelledby={ids.heading}>
        <div className="account-head">
          <h2 id={ids.heading}>
            {account.name}
            {isSelf ? <span className="muted"> (you)</span> : null}
          </h2>
          <span className="account-email">{account.email}</span>
          <span className={account.disabled ? 'account-state disabled' : 'account-state'}>
            {account.disabled ? 'Disabled' : 'Active'}
          </span>
        </div>
        {isSelf ? (
          <p className="account-self">
            {ROLE_LABELS[account.role]}. <Link to="/account/password">Change your password</Link>
          </p>
        ) : (
          <div className="account-actions">
            <form className="role-form" onSubmit={saveRole}>
              <Field
                as="select"
                label="Role"
                labelNote={<span className="visually-hidden"> of {account.name}</span>}
                path="role"
                error={update.error}
                value={role}
                onChange={(e) => setRole(e.target.value as Role)}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </Field>
              <button type="submit" disabled={role === account.role || update.isPending}>
                Save role
              </button>
            </form>
            <button
              type="button"
              ref={passwordButton}
              aria-expanded={mode === 'password'}
              onClick={() => (mode === 'password' ? close(passwordButton) : setMode('password'))}
            >
              Set a new password
            </button>
            {account.disabled ? (
              <button type="button" onClick={() => setDisabled(false)} disabled={update.isPending}>
                Enable
              </button>
            ) : (
              <button
                type="button"
                ref={disableButton}
                aria-expanded={mode === 'confirm-disable'}
                onClick={() => setMode('confirm-disable')}
              >
                Disable
              </button>
            )}
          </div>
        )}
        {mode === 'password' ? (
          <form ref={passwordForm} className="account-panel" onSubmit={savePassword} noValidate>
            <Field
              label={`New password for ${account.name}`}
              path="password"
              error={update.error}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              maxLength={LIMITS.password}
              hint="12 characters at least, and not one of the most common passwords. It signs them out everywhere."
            />
            <div className="actions">
              <button type="submit" className="primary" disabled={update.isPending}>
                {update.isPending ? 'Setting…' : 'Set password'}
              </button>
              <button type="button" onClick={() => close(passwordButton)}>
                Cancel
              </button>
            </div>
          </form>
        ) : null}
        {mode === 'confirm-disable' ? (
          <div className="account-panel confirm">
            <p id={ids.confirm}>
              Disable {account.name}? They are signed out at once and cannot sign in until an admin enables
              the account again. Their work stays.
            </p>
            <div className="actions">
              <button
                type="button"
                className="danger"
                aria-describedby={ids.confirm}
                onClick={() => setDisabled(true)}
                disabled={update.isPending}
              >
                {update.isPending ? 'Disabling…' : `Disable ${account.name}`}
              </button>
              <button type="button" ref={confirmCancel} onClick={() => close(disableButton)}>
                Cancel
              </button>
            </div>
          </div>
        ) : null}
        <p role="status" className="done-message">
          {done}
        </p>
        <ActionError error={update.error} action={failed} />
      </li>
    </FieldScope>
  )
}
