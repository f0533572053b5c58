import { type FormEvent, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field, Form } from '../../../components/field.tsx'
import { FormFooter } from '../../../components/form-footer.tsx'
import { type AssignTarget, useSaveAssignment } from '../api/assignment.ts'
import { Assignees } from './assignees.tsx'
import { PeopleChooser } from './people-chooser.tsx'

/**
 * A dispute's assignment on its workbench: who is on it and by when, and a form to add or remove people and
 * set or clear the due date. A save sends the dispute's version; a change made meanwhile is refused (412)
 * with the form kept and a way to reload the dispute.
 */
export function AssignmentControl({
  dispute,
  onSaved,
  onReload,
}: {
  dispute: AssignTarget
  /** After a save: every screen that shows the assignment reads again. */
  onSaved: () => Promise<unknown> | undefined
  onReload: () => void
}) {
  const { t } = useTranslation('assignment')
  const [editing, setEditing] = useState(false)
  const [done, setDone] = useState('')
  const button = useRef<HTMLButtonElement>(null)
  const close = (message: string) => {
    setEditing(false)
    setDone(message)
    requestAnimationFrame(() => button.current?.focus())
  }
  return (
    <div className="assignment-control">
      <p className="small">
        <Assignees assigneeIds={dispute.assigneeIds} dueOn={dispute.dueOn} />{' '}
        {editing ? null : (
          <button
            ref={button}
            type="button"
            className="link-button"
            onClick={() => {
              setDone('')
              setEditing(true)
            }}
          >
            {t('change')}
          </button>
        )}
      </p>
      <p role="status" className="visually-hidden">
        {done}
      </p>
      {editing ? (
        <AssignmentForm
          dispute={dispute}
          onSaved={onSaved}
          onReload={onReload}
          onDone={() => close(t('saved'))}
          onCancel={() => close('')}
        />
      ) : null}
    </div>
  )
}

function AssignmentForm({
  dispute,
  onSaved,
  onReload,
  onDone,
  onCancel,
}: {
  dispute: AssignTarget
  onSaved: () => Promise<unknown> | undefined
  onReload: () => void
  onDone: () => void
  onCancel: () => void
}) {
  const { t } = useTranslation('assignment')
  const save = useSaveAssignment(onSaved)
  const [chosen, setChosen] = useState<string[]>(dispute.assigneeIds)
  const [dueOn, setDueOn] = useState(dispute.dueOn ?? '')
  const headingId = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate(
      { target: dispute, change: { assigneeIds: chosen, dueOn: dueOn || null } },
      { onSuccess: () => onDone() },
    )
  }
  return (
    <Form
      className="panel form-grid assignment-form"
      onSubmit={submit}
      aria-labelledby={headingId}
      noValidate
    >
      <h2 id={headingId}>{t('heading')}</h2>
      <PeopleChooser legend={t('people')} chosen={chosen} onChange={setChosen} error={save.error} />
      <Field
        label={t('dueDate')}
        path="dueOn"
        type="date"
        error={save.error}
        value={dueOn}
        onChange={(e) => setDueOn(e.target.value)}
        hint={t('dueDateHint')}
      />
      <FormFooter
        error={save.error}
        failed={t('failed')}
        onReload={onReload}
        pending={save.isPending}
        submitLabel={t('save')}
        onCancel={onCancel}
      />
    </Form>
  )
}
