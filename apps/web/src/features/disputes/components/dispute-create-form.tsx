import { LIMITS } from '@counterclaim/shared'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field, Form } from '../../../components/field.tsx'
import { FormFooter } from '../../../components/form-footer.tsx'
import { parseTags, TAGS_TEXT_MAX } from '../../../components/tags.ts'
import { useCreateDispute } from '../api/disputes.ts'

/** A new dispute: the question claims compete on. Calls onCreated with the new dispute's id. */
export function DisputeCreateForm({
  onCreated,
  onCancel,
  independentByDefault = false,
}: {
  onCreated: (id: string) => void
  onCancel: () => void
  /** The desk's COUNTERCLAIM_INDEPENDENT_RATINGS: what the checkbox starts at. */
  independentByDefault?: boolean
}) {
  const create = useCreateDispute()
  const { t } = useTranslation('disputes')
  const [title, setTitle] = useState('')
  const [question, setQuestion] = useState('')
  const [summary, setSummary] = useState('')
  const [tags, setTags] = useState('')
  const [independentRatings, setIndependentRatings] = useState(independentByDefault)
  // One id per form, so a retried create after a lost answer does not make a second dispute.
  const [requestId] = useState(() => crypto.randomUUID())
  const headingId = useId()
  const error = create.error

  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate(
      { id: requestId, title, question, summary, tags: parseTags(tags), independentRatings },
      { onSuccess: (dispute) => onCreated(dispute.id) },
    )
  }

  return (
    <Form className="panel form-grid" onSubmit={submit} aria-labelledby={headingId}>
      <h2 id={headingId}>{t('form.heading')}</h2>
      <Field
        label={t('form.title')}
        dir="auto"
        path="title"
        error={error}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
        maxLength={LIMITS.title}
      />
      <Field
        as="textarea"
        label={t('form.question')}
        dir="auto"
        path="question"
        error={error}
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
        required
        rows={2}
        maxLength={LIMITS.question}
      />
      <Field
        as="textarea"
        label={t('form.summary')}
        dir="auto"
        path="summary"
        error={error}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        rows={3}
        maxLength={LIMITS.longText}
      />
      <Field
        label={t('form.tags')}
        dir="auto"
        path="tags"
        error={error}
        value={tags}
        onChange={(e) => setTags(e.target.value)}
        maxLength={TAGS_TEXT_MAX}
        hint={t('form.tagsHint')}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={independentRatings}
          onChange={(e) => setIndependentRatings(e.target.checked)}
        />{' '}
        {t('form.independent')}
      </label>
      <FormFooter
        error={error}
        failed={t('form.failed')}
        pending={create.isPending}
        submitLabel={t('form.create')}
        pendingLabel={t('form.creating')}
        onCancel={onCancel}
      />
    </Form>
  )
}
