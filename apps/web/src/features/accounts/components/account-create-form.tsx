import { LIMITS, ROLES, type Role } from '@counterclaim/shared'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field, Form } from '../../../components/field.tsx'
import { FormFooter } from '../../../components/form-footer.tsx'
import { useCreateAccount } from '../api/accounts.ts'
import { roleLabel } from './roles.ts'

/** A new colleague's account. Calls onCreated with their name once it exists. */
export function AccountCreateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (name: string) => void
  onCancel: () => void
}) {
  const { t } = useTranslation('accounts')
  const create = useCreateAccount()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role>('checker')
  const [password, setPassword] = useState('')
  const headingId = useId()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate({ name, email, role, password }, { onSuccess: (user) => onCreated(user.name) })
  }

  return (
    <Form className="panel form-grid account-create" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h2 id={headingId}>{t('create.heading')}</h2>
      <Field
        label={t('create.name')}
        dir="auto"
        path="name"
        error={create.error}
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        maxLength={LIMITS.name}
      />
      <Field
        label={t('create.email')}
        path="email"
        type="email"
        autoComplete="off"
        error={create.error}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        required
        maxLength={LIMITS.email}
      />
      <Field
        as="select"
        label={t('create.role')}
        path="role"
        error={create.error}
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {roleLabel(r)}
          </option>
        ))}
      </Field>
      <Field
        label={t('create.password')}
        path="password"
        type="password"
        autoComplete="new-password"
        error={create.error}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
        maxLength={LIMITS.password}
        hint={t('create.passwordHint')}
      />
      <FormFooter
        error={create.error}
        failed={t('create.failed')}
        pending={create.isPending}
        submitLabel={t('create.submit')}
        pendingLabel={t('create.pending')}
        onCancel={onCancel}
      />
    </Form>
  )
}
