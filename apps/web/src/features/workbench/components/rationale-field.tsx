import { renderMarkdown } from '@counterclaim/domain'
import { LIMITS } from '@counterclaim/shared'
import { useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Field } from '../../../components/field.tsx'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'

/** A Markdown rationale with Write/Preview: a verdict's and a conclusion's, drafted and corrected. */
export function RationaleField(props: {
  value: string
  onChange: (value: string) => void
  /** The last request: its problems with the rationale show under it. */
  error: Error | null
}) {
  const { value, onChange, error } = props
  const [preview, setPreview] = useState(false)
  const { t } = useTranslation('verdicts')
  return (
    <Field
      as="textarea"
      label={t('field.rationale')}
      dir="auto"
      path="rationale"
      error={error}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      rows={8}
      maxLength={LIMITS.longText}
      hidden={preview}
      aside={
        <div className="toggle">
          <button type="button" aria-pressed={!preview} onClick={() => setPreview(false)}>
            {t('rationaleField.write')}
          </button>
          <button type="button" aria-pressed={preview} onClick={() => setPreview(true)}>
            {t('rationaleField.preview')}
          </button>
        </div>
      }
      after={
        !preview ? null : value.trim() ? (
          <section
            className="markdown-preview"
            aria-label={t('rationaleField.previewLabel')}
            dir="auto"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown escapes raw HTML and keeps only http(s) links
            dangerouslySetInnerHTML={{ __html: renderMarkdown(value) }}
          />
        ) : (
          <section className="markdown-preview" aria-label={t('rationaleField.previewLabel')}>
            <p>{t('rationaleField.nothingYet')}</p>
          </section>
        )
      }
      hint={<Trans t={t} i18nKey="rationaleField.hint" components={SENTENCE_TAGS} />}
    />
  )
}
