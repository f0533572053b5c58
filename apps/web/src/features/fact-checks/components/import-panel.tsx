import { type FactCheckImportResult, LIMITS } from '@counterclaim/shared'
import { type FormEvent, useId, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { Field, Form } from '../../../components/field.tsx'
import { type ImportInput, useImportFactChecks } from '../api/fact-checks.ts'
import {
  formatSize,
  IMPORT_ACCEPT,
  IMPORT_TYPE_WORDS,
  importCountsInWords,
  importTypeOfFile,
  importTypeOfText,
} from '../api/import-body.ts'

type Source = 'file' | 'text'

/**
 * "Import fact-checks" (editors): a file (.json, .jsonld, .html, .htm) or pasted JSON-LD, sent as the
 * type its name or its text shows; while it is sent the panel says what is going; then the counts in
 * words and each skipped item with its reason, or why nothing was imported.
 */
export function ImportPanel({
  headingId,
  onImported,
  onClose,
}: {
  headingId: string
  onImported: () => void
  onClose: () => void
}) {
  const importing = useImportFactChecks(onImported)
  const [source, setSource] = useState<Source>('file')
  const [file, setFile] = useState<File | null>(null)
  const [text, setText] = useState('')
  const [baseUrl, setBaseUrl] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [sending, setSending] = useState('')
  const [result, setResult] = useState<{ what: string; answer: FactCheckImportResult } | null>(null)
  const ids = { file: useId(), fileHint: useId(), fileProblem: useId(), source: useId() }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setResult(null)
    let input: ImportInput
    let what: string
    if (source === 'file') {
      if (!file) return setProblem('Choose a file to import.')
      const type = importTypeOfFile(file)
      if (!type)
        return setProblem(
          `${file.name} is not JSON, JSON-LD or an HTML page: choose a .json, .jsonld, .html or .htm file.`,
        )
      input = { body: file, type }
      what = `${file.name} (${formatSize(file.size)}, ${IMPORT_TYPE_WORDS[type]})`
    } else {
      if (!text.trim()) return setProblem('Paste the JSON-LD, or the HTML of a page that holds it.')
      const type = importTypeOfText(text)
      input = { body: text, type }
      what = `the pasted text (${formatSize(new Blob([text]).size)}, ${IMPORT_TYPE_WORDS[type]})`
    }
    setProblem(null)
    const from = baseUrl.trim()
    setSending(`Sending ${what}…`)
    importing.mutate(from ? { ...input, baseUrl: from } : input, {
      onSuccess: (answer) => setResult({ what, answer }),
      onSettled: () => setSending(''),
    })
  }

  return (
    <Form className="panel fc-import" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h2 id={headingId}>Import fact-checks</h2>
      <p className="muted small">
        ClaimReview as other desks publish it: one object, a list, an @graph, a DataFeed, or a whole page with
        JSON-LD in it. A fact-check already here (the same address) is updated, never doubled.
      </p>
      <fieldset className="fc-source">
        <legend id={ids.source}>Import from</legend>
        <label className="check">
          <input
            type="radio"
            name="fc-import-source"
            checked={source === 'file'}
            onChange={() => {
              setSource('file')
              setProblem(null)
            }}
          />{' '}
          A file
        </label>
        <label className="check">
          <input
            type="radio"
            name="fc-import-source"
            checked={source === 'text'}
            onChange={() => {
              setSource('text')
              setProblem(null)
            }}
          />{' '}
          Pasted text
        </label>
      </fieldset>
      {source === 'file' ? (
        <div className="form-field">
          <label htmlFor={ids.file}>File</label>
          <input
            id={ids.file}
            type="file"
            accept={IMPORT_ACCEPT}
            aria-describedby={[ids.fileHint, problem ? ids.fileProblem : ''].filter(Boolean).join(' ')}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null)
              setProblem(null)
            }}
          />
          {problem ? (
            <p id={ids.fileProblem} className="field-error">
              {problem}
            </p>
          ) : null}
          <p id={ids.fileHint} className="hint">
            .json, .jsonld, .html or .htm, up to 10 MB.
          </p>
        </div>
      ) : (
        <Field
          as="textarea"
          label="JSON-LD or a page’s HTML"
          value={text}
          onChange={(e) => {
            setText(e.target.value)
            setProblem(null)
          }}
          problem={problem}
          rows={8}
          // The server counts the bytes (10 MB); this only keeps a runaway paste in bounds.
          maxLength={10_000_000}
          hint={text.trim() ? `It will be sent as ${IMPORT_TYPE_WORDS[importTypeOfText(text)]}.` : undefined}
        />
      )}
      <Field
        label="Address it came from (optional)"
        path="baseUrl"
        error={importing.error}
        type="url"
        value={baseUrl}
        onChange={(e) => setBaseUrl(e.target.value)}
        maxLength={LIMITS.url}
        hint="Links in it that leave out the site (“/fact-check/123”) are read against this address."
      />
      <ActionError error={importing.error} action="Nothing was imported." />
      <div className="actions">
        <button type="submit" className="primary" disabled={importing.isPending}>
          {importing.isPending ? 'Importing…' : 'Import'}
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <div role="status" className="fc-import-status">
        {sending ? <p className="fc-sending">{sending}</p> : null}
        {result ? <ImportResult what={result.what} result={result.answer} /> : null}
      </div>
    </Form>
  )
}

/** "Imported from afp.html: 1 new, 0 updated, 0 unchanged; 1 skipped:" and each skipped item's reason. */
function ImportResult({ what, result }: { what: string; result: FactCheckImportResult }) {
  const skipped = result.skipped
  return (
    <div className="fc-import-result">
      <p>
        <strong>Imported from {what}:</strong> {importCountsInWords(result)}
        {skipped.length > 0 ? ':' : '.'}
      </p>
      {skipped.length > 0 ? (
        <ul className="fc-skipped" aria-label="Skipped items">
          {skipped.map((s) => (
            <li key={s.index}>
              Item {s.index + 1}: {/[.!?]$/.test(s.reason) ? s.reason : `${s.reason}.`}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
