import { renderMarkdown } from '@counterclaim/domain'
import { LIMITS } from '@counterclaim/shared'
import { useState } from 'react'
import { Field } from '../../../components/field.tsx'

/** A Markdown rationale with Write/Preview: a verdict's and a conclusion's, drafted and corrected. */
export function RationaleField(props: {
  value: string
  onChange: (value: string) => void
  /** The last request: its problems with the rationale show under it. */
  error: Error | null
}) {
  const { value, onChange, error } = props
  const [preview, setPreview] = useState(false)
  return (
    <Field
      as="textarea"
      label="Rationale"
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
            Write
          </button>
          <button type="button" aria-pressed={preview} onClick={() => setPreview(true)}>
            Preview
          </button>
        </div>
      }
      after={
        preview ? (
          <section
            className="markdown-preview"
            aria-label="Rationale preview"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown escapes raw HTML and keeps only http(s) links
            dangerouslySetInnerHTML={{
              __html: value.trim() ? renderMarkdown(value) : '<p>Nothing written yet.</p>',
            }}
          />
        ) : null
      }
      hint="Markdown: **bold**, *italic*, lists with “- ”, links as [text](https://…)."
    />
  )
}
