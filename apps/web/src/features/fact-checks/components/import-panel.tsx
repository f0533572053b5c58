import { type FactCheckImportResult, LIMITS } from '@counterclaim/shared'
import { type FormEvent, useId, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { ActionError } from '../../../components/action-error.tsx'
import { formatNumber } from '../../../components/dates.ts'
import { Field, Form } from '../../../components/field.tsx'
import { type ImportInput, useImportFactChecks } from '../api/fact-checks.ts'
import {
  formatSize,
  IMPORT_ACCEPT,
  importCountsInWords,
  importTypeOfFile,
  importTypeOfText,
  importTypeWords,
} from '../api/import-body.ts'
import { TECH } from './fact-check-words.ts'

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
  const { t } = useTranslation('factChecks')
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
      if (!file) return setProblem(t('import.chooseFile'))
      const type = importTypeOfFile(file)
      if (!type) return setProblem(t('import.wrongFile', { name: file.name }))
      input = { body: file, type }
      what = t('import.fileWhat', {
        name: file.name,
        size: formatSize(file.size),
        type: importTypeWords(type),
      })
    } else {
      if (!text.trim()) return setProblem(t('import.pasteSomething'))
      const type = importTypeOfText(text)
      input = { body: text, type }
      what = t('import.textWhat', { size: formatSize(new Blob([text]).size), type: importTypeWords(type) })
    }
    setProblem(null)
    const from = baseUrl.trim()
    setSending(t('import.sending', { what }))
    importing.mutate(from ? { ...input, baseUrl: from } : input, {
      onSuccess: (answer) => setResult({ what, answer }),
      onSettled: () => setSending(''),
    })
  }

  return (
    <Form className="panel fc-import" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h2 id={headingId}>{t('import.heading')}</h2>
      <p className="muted small">
        <Trans t={t} i18nKey="import.intro" components={TECH} />
      </p>
      <fieldset className="fc-source">
        <legend id={ids.source}>{t('import.from')}</legend>
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
          {t('import.aFile')}
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
          {t('import.pastedText')}
        </label>
      </fieldset>
      {source === 'file' ? (
        <div className="form-field">
          <label htmlFor={ids.file}>{t('import.file')}</label>
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
            <Trans t={t} i18nKey="import.fileHint" components={TECH} />
          </p>
        </div>
      ) : (
        <Field
          as="textarea"
          label={t('import.textLabel')}
          dir="auto"
          value={text}
          onChange={(e) => {
            setText(e.target.value)
            setProblem(null)
          }}
          problem={problem}
          rows={8}
          // The server counts the bytes (10 MB); this only keeps a runaway paste in bounds.
          maxLength={10_000_000}
          hint={
            text.trim()
              ? t('import.willBeSentAs', { type: importTypeWords(importTypeOfText(text)) })
              : undefined
          }
        />
      )}
      <Field
        label={t('import.baseUrl')}
        path="baseUrl"
        error={importing.error}
        type="url"
        value={baseUrl}
        onChange={(e) => setBaseUrl(e.target.value)}
        maxLength={LIMITS.url}
        hint={<Trans t={t} i18nKey="import.baseUrlHint" components={TECH} />}
      />
      <ActionError error={importing.error} action={t('import.failed')} />
      <div className="actions">
        <button type="submit" className="primary" disabled={importing.isPending}>
          {importing.isPending ? t('import.importing') : t('import.submit')}
        </button>
        <button type="button" onClick={onClose}>
          {t('close')}
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
  const { t } = useTranslation('factChecks')
  const skipped = result.skipped
  return (
    <div className="fc-import-result">
      <p>
        <strong>{t('import.importedFrom', { what })}</strong> {importCountsInWords(result)}
        {skipped.length > 0 ? ':' : '.'}
      </p>
      {skipped.length > 0 ? (
        <ul className="fc-skipped" aria-label={t('import.skippedItems')}>
          {skipped.map((s) => (
            <li key={s.index}>
              {t('import.skippedItem', {
                number: formatNumber(s.index + 1),
                reason: /[.!?]$/.test(s.reason) ? s.reason : `${s.reason}.`,
              })}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
