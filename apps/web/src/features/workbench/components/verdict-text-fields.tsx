import { renderMarkdown } from '@counterclaim/domain'
import { LIMITS } from '@counterclaim/shared'
import { useState } from 'react'
import { Field } from '../../../components/field.tsx'

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
  const [preview, setPreview] = useState(false)
  return (
    <>
      <Field
        label="Summary"
        path="summary"
        error={error}
        value={summary}
        maxLength={LIMITS.summary}
        onChange={(e) => onSummary(e.target.value)}
        hint={`One public line, at most ${LIMITS.summary} characters (${summary.length}/${LIMITS.summary}).`}
      />
      <Field
        as="textarea"
        label="Rationale"
        path="rationale"
        error={error}
        value={rationale}
        onChange={(e) => onRationale(e.target.value)}
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
                __html: rationale.trim() ? renderMarkdown(rationale) : '<p>Nothing written yet.</p>',
              }}
            />
          ) : null
        }
        hint="Markdown: **bold**, *italic*, lists with “- ”, links as [text](https://…)."
      />
    </>
  )
}
