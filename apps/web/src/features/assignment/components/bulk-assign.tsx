import { type FormEvent, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../../components/dates.ts'
import { Field, Form } from '../../../components/field.tsx'
import { i18n } from '../../../i18n/i18n.ts'
import { type AssignTarget, addAssignees, type BulkOutcome } from '../api/assignment.ts'
import { PeopleChooser } from './people-chooser.tsx'

/** "Assigned 3 disputes; 1 changed meanwhile and was not changed": how a bulk assignment ended, in words. */
export function bulkSummary(outcomes: readonly BulkOutcome[]): string {
  const count = (kind: BulkOutcome['kind']) => outcomes.filter((o) => o.kind === kind).length
  const parts = [i18n.t('assignment:bulk.summary.assigned', { count: count('assigned') })]
  if (count('unchanged'))
    parts.push(i18n.t('assignment:bulk.summary.unchanged', { count: count('unchanged') }))
  if (count('conflict')) parts.push(i18n.t('assignment:bulk.summary.conflict', { count: count('conflict') }))
  const failed = outcomes.flatMap((o) => (o.kind === 'failed' ? [o.message] : []))
  if (failed.length)
    parts.push(
      i18n.t('assignment:bulk.summary.failed', {
        count: failed.length,
        messages: [...new Set(failed)].join(' '),
      }),
    )
  return i18n.t('assignment:bulk.summary.sentence', { parts: parts.join('; ') })
}

/**
 * Assigns several disputes at once: people added to those already on each, and optionally a due date. Each
 * dispute is changed with its own version, one after another, with progress shown; a dispute changed
 * meanwhile is read again and tried once more.
 */
export function BulkAssign({
  disputes,
  onChanged,
  onClose,
}: {
  disputes: readonly AssignTarget[]
  /** After the last one: every screen that shows assignments reads again. */
  onChanged: () => void
  onClose: (summary: string | null) => void
}) {
  const { t } = useTranslation('assignment')
  const [people, setPeople] = useState<string[]>([])
  const [dueOn, setDueOn] = useState('')
  const [progress, setProgress] = useState<{ done: number; outcomes: BulkOutcome[] } | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const headingId = useId()
  const running = useRef(false)
  const working = progress !== null && progress.done < disputes.length

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (running.current) return
    if (people.length === 0 && !dueOn) {
      setProblem(t('bulk.chooseSomething'))
      return
    }
    setProblem(null)
    running.current = true
    const outcomes: BulkOutcome[] = []
    setProgress({ done: 0, outcomes })
    for (const target of disputes) {
      outcomes.push(await addAssignees(target, people, dueOn || null))
      setProgress({ done: outcomes.length, outcomes: [...outcomes] })
    }
    running.current = false
    onChanged()
    onClose(bulkSummary(outcomes))
  }

  return (
    <Form className="panel form-grid bulk-assign" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h2 id={headingId}>{t('bulk.assignCount', { count: disputes.length })}</h2>
      <p className="muted small">{t('bulk.intro')}</p>
      <PeopleChooser legend={t('bulk.people')} chosen={people} onChange={setPeople} problem={problem} />
      <Field
        label={t('dueDate')}
        labelNote={t('bulk.optional')}
        path="dueOn"
        type="date"
        value={dueOn}
        onChange={(e) => setDueOn(e.target.value)}
        hint={t('bulk.dueDateHint')}
      />
      <p role="status" className="small">
        {working && progress
          ? t('bulk.progress', {
              current: formatNumber(Math.min(progress.done + 1, disputes.length)),
              total: formatNumber(disputes.length),
            })
          : ''}
      </p>
      <div className="actions">
        <button type="submit" className="primary" disabled={working}>
          {working ? t('bulk.assigning') : t('bulk.assignCount', { count: disputes.length })}
        </button>
        <button type="button" disabled={working} onClick={() => onClose(null)}>
          {t('cancel')}
        </button>
      </div>
    </Form>
  )
}
