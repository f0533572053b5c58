import { renderMarkdown } from '@counterclaim/domain'
import { useId, useState } from 'react'

/** A verdict's public summary and its Markdown rationale with Write/Preview: shared by drafting and correcting. */
export function VerdictTextFields(props: {
  summary: string
  onSummary: (value: string) => void
  rationale: string
  onRationale: (value: string) => void
}) {
  const { summary, onSummary, rationale, onRationale } = props
  const [preview, setPreview] = useState(false)
  const ids = { summary: useId(), summaryHint: useId(), rationale: useId(), hint: useId() }
  return (
    <>
      <label htmlFor={ids.summary}>Summary</label>
      <input
        id={ids.summary}
        value={summary}
        maxLength={300}
        onChange={(e) => onSummary(e.target.value)}
        aria-describedby={ids.summaryHint}
      />
      <p id={ids.summaryHint} className="hint">
        One public line, at most 300 characters ({summary.length}/300).
      </p>
      <div className="rationale-head">
        <label htmlFor={ids.rationale}>Rationale</label>
        <div className="toggle">
          <button type="button" aria-pressed={!preview} onClick={() => setPreview(false)}>
            Write
          </button>
          <button type="button" aria-pressed={preview} onClick={() => setPreview(true)}>
            Preview
          </button>
        </div>
      </div>
      <textarea
        id={ids.rationale}
        value={rationale}
        onChange={(e) => onRationale(e.target.value)}
        rows={8}
        aria-describedby={ids.hint}
        hidden={preview}
      />
      {preview ? (
        <section
          className="markdown-preview"
          aria-label="Rationale preview"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown escapes raw HTML and keeps only http(s) links
          dangerouslySetInnerHTML={{
            __html: rationale.trim() ? renderMarkdown(rationale) : '<p>Nothing written yet.</p>',
          }}
        />
      ) : null}
      <p id={ids.hint} className="hint">
        Markdown: **bold**, *italic*, lists with “- ”, links as [text](https://…).
      </p>
    </>
  )
}
