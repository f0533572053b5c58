import { useTranslation } from 'react-i18next'
import { DueDate } from '../../../components/due-date.tsx'
import { usePersonNames } from './people-chooser.tsx'
import './assignment.css'

/** Who is assigned to a dispute, by name, and its due date: one line for lists and the workbench. */
export function Assignees({ assigneeIds, dueOn }: { assigneeIds: readonly string[]; dueOn: string | null }) {
  const { t } = useTranslation('assignment')
  const name = usePersonNames()
  if (assigneeIds.length === 0 && !dueOn) return <span className="assignees muted">{t('noOne')}</span>
  return (
    <span className="assignees">
      {assigneeIds.length > 0 ? (
        <>
          {t('assigned')} <span dir="auto">{assigneeIds.map(name).join(', ')}</span>
        </>
      ) : (
        t('noOne')
      )}
      {dueOn ? (
        <>
          {' · '}
          <DueDate dueOn={dueOn} />
        </>
      ) : null}
    </span>
  )
}
