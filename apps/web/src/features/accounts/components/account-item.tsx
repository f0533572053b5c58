import { LIMITS, ROLES, type Role, type User } from '@counterclaim/shared'
import { type FormEvent, type RefObject, useEffect, useId, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { Field, FieldScope } from '../../../components/field.tsx'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'
import { type AccountPatch, useUpdateAccount } from '../api/accounts.ts'
import { roleLabel } from './roles.ts'

type Mode = 'idle' | 'password' | 'confirm-disable'

/** One account on the Accounts screen: its role, a new password, disable or enable. */
export function AccountItem({ account, isSelf }: { account: User; isSelf: boolean }) {
  const { t } = useTranslation('accounts')
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
    change({ role }, t('item.roleNotChanged'), () =>
      setDone(t('item.roleChanged', { role: roleLabel(role) })),
    )
  }
  const savePassword = (event: FormEvent) => {
    event.preventDefault()
    change({ password }, t('item.passwordNotSet'), () => {
      setMode('idle')
      setPassword('')
      setDone(t('item.passwordSet', { name: account.name }))
      passwordButton.current?.focus()
    })
  }
  const setDisabled = (disabled: boolean) =>
    change({ disabled }, disabled ? t('item.notDisabled') : t('item.notEnabled'), () => {
      setMode('idle')
      setDone(
        disabled
          ? t('item.disabledDone', { name: account.name })
          : t('item.enabledDone', { name: account.name }),
      )
    })

  return (
    // The password and role fields show their own problems; the other failures show at the end.
    <FieldScope>
      <li className="account" aria-labelledby={ids.heading}>
        <div className="account-head">
          <h2 id={ids.heading}>
            <span dir="auto">{account.name}</span>
            {isSelf ? <span className="muted"> {t('item.you')}</span> : null}
          </h2>
          <span className="account-email" dir="auto">
            {account.email}
          </span>
          <span className={account.disabled ? 'account-state disabled' : 'account-state'}>
            {account.disabled ? t('item.disabled') : t('item.active')}
          </span>
        </div>
        {isSelf ? (
          <p className="account-self">
            {roleLabel(account.role)}. <Link to="/account/password">{t('item.changeYourPassword')}</Link>
          </p>
        ) : (
          <div className="account-actions">
            <form className="role-form" onSubmit={saveRole}>
              <Field
                as="select"
                label={t('item.role')}
                labelNote={
                  <span className="visually-hidden">
                    {' '}
                    <Trans
                      t={t}
                      i18nKey="item.ofName"
                      values={{ name: account.name }}
                      components={SENTENCE_TAGS}
                    />
                  </span>
                }
                path="role"
                error={update.error}
                value={role}
                onChange={(e) => setRole(e.target.value as Role)}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {roleLabel(r)}
                  </option>
                ))}
              </Field>
              <button type="submit" disabled={role === account.role || update.isPending}>
                {t('item.saveRole')}
              </button>
            </form>
            <button
              type="button"
              ref={passwordButton}
              aria-expanded={mode === 'password'}
              onClick={() => (mode === 'password' ? close(passwordButton) : setMode('password'))}
            >
              {t('item.setNewPassword')}
            </button>
            {account.disabled ? (
              <button type="button" onClick={() => setDisabled(false)} disabled={update.isPending}>
                {t('item.enable')}
              </button>
            ) : (
              <button
                type="button"
                ref={disableButton}
                aria-expanded={mode === 'confirm-disable'}
                onClick={() => setMode('confirm-disable')}
              >
                {t('item.disable')}
              </button>
            )}
          </div>
        )}
        {mode === 'password' ? (
          <form ref={passwordForm} className="account-panel" onSubmit={savePassword} noValidate>
            <Field
              label={t('item.newPasswordFor', { name: account.name })}
              path="password"
              error={update.error}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              maxLength={LIMITS.password}
              hint={t('item.newPasswordHint')}
            />
            <div className="actions">
              <button type="submit" className="primary" disabled={update.isPending}>
                {update.isPending ? t('item.setting') : t('item.setPassword')}
              </button>
              <button type="button" onClick={() => close(passwordButton)}>
                {t('cancel')}
              </button>
            </div>
          </form>
        ) : null}
        {mode === 'confirm-disable' ? (
          <div className="account-panel confirm">
            <p id={ids.confirm}>
              <Trans
                t={t}
                i18nKey="item.confirmDisable"
                values={{ name: account.name }}
                components={SENTENCE_TAGS}
              />
            </p>
            <div className="actions">
              <button
                type="button"
                className="danger"
                aria-describedby={ids.confirm}
                onClick={() => setDisabled(true)}
                disabled={update.isPending}
              >
                {update.isPending ? t('item.disabling') : t('item.disableName', { name: account.name })}
              </button>
              <button type="button" ref={confirmCancel} onClick={() => close(disableButton)}>
                {t('cancel')}
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
