import { LIMITS } from '@counterclaim/shared'
import { useTranslation } from 'react-i18next'
import { Field } from '../../../components/field.tsx'
import { RationaleField } from './rationale-field.tsx'

/** A verdict's public summary and its Markdown rationale with Write/Preview: shared by drafting and correcting. */
export function VerdictTextFields(props: {
  summary: string
  onSummary: (value: string) => void
  rationale: string
  onRationale: (value: string) => void
  /** The last request: its problems with the summary or the rationale show under them. */
  error: Error | null
}) {
  const { summary, onSummary, rationale, onRationale, error } = props
  const { t } = useTranslation('verdicts')
  return (
    <>
      <Field
        label={t('field.summary')}
        dir="auto"
        path="summary"
        error={error}
        value={summary}
        maxLength={LIMITS.summary}
        onChange={(e) => onSummary(e.target.value)}
        hint={t('summaryHint', { max: LIMITS.summary, length: summary.length })}
      />
      <RationaleField value={rationale} onChange={onRationale} error={error} />
    </>
  )
}
