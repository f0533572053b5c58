import { LIMITS } from '@counterclaim/shared'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field, Form } from '../../../components/field.tsx'
import { useSignIn } from '../api/session.ts'

/** The signed-out front door: email, password, sign in. */
export function SignInPage() {
  const signIn = useSignIn()
  const { t } = useTranslation(['auth', 'layout'])
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [showPassword, setShowPassword] = useState(false)
  const errorId = useId()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    signIn.mutate({ email, password })
  }

  return (
    <main className="sign-in">
      <h1>{t('layout:brand')}</h1>
      <p className="muted">{t('tagline')}</p>
      <Form onSubmit={submit} aria-describedby={signIn.error ? errorId : undefined} noValidate>
        <Field
          label={t('email')}
          path="email"
          error={signIn.error}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
          maxLength={LIMITS.email}
        />
        <Field
          label={t('password')}
          path="password"
          error={signIn.error}
          type={showPassword ? 'text' : 'password'}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          maxLength={LIMITS.password}
        />
        <label className="inline">
          <input type="checkbox" checked={showPassword} onChange={(e) => setShowPassword(e.target.checked)} />{' '}
          {t('showCharacters')}
        </label>
        {signIn.error ? (
          <p id={errorId} role="alert" className="error">
            {signIn.error.message}
          </p>
        ) : null}
        <button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? t('signingIn') : t('signIn')}
        </button>
      </Form>
    </main>
  )
}
