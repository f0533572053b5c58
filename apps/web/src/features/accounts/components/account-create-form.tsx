import type { Role } from '@counterclaim/shared'
import { type FormEvent, useId, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { TextField } from '../../../components/text-field.tsx'
import { useCreateAccount } from '../api/accounts.ts'
import { ROLE_LABELS, ROLES } from './roles.ts'

const FIELDS = ['name', 'email', 'role', 'password']

/** A new colleague's account. Calls onCreated with their name once it exists. */
export function AccountCreateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (name: string) => void
  onCancel: () => void
}) {
  const create = useCreateAccount()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role>('checker')
  const [password, setPassword] = useState('')
  const ids = { heading: useId(), role: useId() }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate({ name, email, role, password }, { onSuccess: (user) => onCreated(user.name) })
  }

  return (
    <form
      className="panel form-grid account-create"
      onSubmit={submit}
      aria-labelledby={ids.heading}
      noValidate
    >
      <h2 id={ids.heading}>New account</h2>
      <TextField
        label="Name"
        path="name"
        error={create.error}
        value={name}
        onChange={setName}
        required
        maxLength={300}
      />
      <TextField
        label="Email"
        path="email"
        type="email"
        autoComplete="off"
        error={create.error}
        value={email}
        onChange={setEmail}
        required
      />
      <div className="field">
        <label htmlFor={ids.role}>Role</label>
        <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label="Password"
        path="password"
        type="password"
        autoComplete="new-password"
        error={create.error}
        value={password}
        onChange={setPassword}
        required
        hint="12 characters at least, and not one of the most common passwords. Give it to them by a safe channel."
      />
      <ActionError error={create.error} action="The account was not created." shownAtFields={FIELDS} />
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create account'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
