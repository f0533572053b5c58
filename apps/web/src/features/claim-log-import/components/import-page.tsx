import {
  type ClaimLogImportResult,
  ClaimLogImportResultSchema,
  type ImportIssue,
  LIMITS,
  roleAtLeast,
  type SessionUser,
} from '@counterclaim/shared'
import { type DragEvent, useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate } from 'react-router'
import { ApiError } from '../../../lib/api-client.ts'
import { importIssues } from '../api/problem-words.ts'
import { isCancelled, sendClaimLogFile, type UploadProgress } from '../api/upload.ts'
import { FileFacts, ImportCounts, ImportDisputes, ProblemList, RepeatList } from './import-parts.tsx'
import { UploadProgressBar } from './upload-progress.tsx'
import './claim-log-import.css'

type Mode = 'preview' | 'import'

/** Where the screen is: each step keeps the file it is about. */
type Step =
  | { kind: 'choosing'; cancelled?: boolean }
  | {
      kind: 'sending'
      file: File
      mode: Mode
      progress: UploadProgress
      preview: ClaimLogImportResult | null
    }
  | { kind: 'previewed'; file: File; preview: ClaimLogImportResult; cancelled?: boolean }
  | { kind: 'refused'; file: File; issues: ImportIssue[]; total: number }
  | { kind: 'failed'; file: File; mode: Mode; error: ApiError; preview: ClaimLogImportResult | null }
  | { kind: 'imported'; file: FileName; result: ClaimLogImportResult }

/** What the screen shows of a file once it is imported (kept in the page's history entry). */
interface FileName {
  name: string
  size: number
}

/**
 * The result of an import kept in the page's history entry, so that Back from a dispute it links to shows
 * the result again rather than an empty screen.
 */
function importedFrom(state: unknown): Step | null {
  const kept = (state as { imported?: { name?: unknown; size?: unknown; result?: unknown } } | null)?.imported
  if (!kept || typeof kept.name !== 'string' || typeof kept.size !== 'number') return null
  const result = ClaimLogImportResultSchema.safeParse(kept.result)
  return result.success
    ? { kind: 'imported', file: { name: kept.name, size: kept.size }, result: result.data }
    : null
}

// "The file was not imported: 1,204 problems (the first 1000 listed)": the total when more were found than listed.
const totalOf = (message: string, listed: number) => {
  const found = message.match(/(\d[\d,]*) problems?/)
  return found?.[1] ? Math.max(listed, Number(found[1].replace(/,/g, ''))) : listed
}

/**
 * The import screen: a CSV file is chosen (or dropped), checked by a dry run that writes nothing, shown as a
 * preview or as every problem by line and column, and imported only when the person says so; the upload's
 * progress is shown and it can be cancelled. `onImported` lets the screens that show the new rows read again.
 */
export function ClaimLogImportPage({ user, onImported }: { user: SessionUser; onImported: () => void }) {
  const { t } = useTranslation(['claimLogImport', 'domain'])
  const location = useLocation()
  const navigate = useNavigate()
  const [step, setStep] = useState<Step>(() => importedFrom(location.state) ?? { kind: 'choosing' })
  const [allowRepeats, setAllowRepeats] = useState(false)
  const [dragging, setDragging] = useState(false)
  const running = useRef<AbortController | null>(null)
  const inputId = useId()
  const hintId = useId()
  const inputRef = useRef<HTMLInputElement>(null)

  // Leaving the screen cancels what it was sending.
  useEffect(() => () => running.current?.abort(), [])

  const send = useCallback(
    async (file: File, mode: Mode, preview: ClaimLogImportResult | null, repeats: boolean) => {
      // One request at a time: a second press finds the first one running.
      if (running.current) return
      const controller = new AbortController()
      running.current = controller
      setStep({ kind: 'sending', file, mode, progress: { sent: 0, total: file.size }, preview })
      try {
        const result = await sendClaimLogFile(
          file,
          { dryRun: mode === 'preview', allowDuplicates: mode === 'import' && repeats },
          (progress) =>
            setStep((now) => (now.kind === 'sending' && now.file === file ? { ...now, progress } : now)),
          controller.signal,
        )
        if (mode === 'preview') {
          setAllowRepeats(false)
          setStep({ kind: 'previewed', file, preview: result })
        } else {
          setStep({ kind: 'imported', file, result })
          void navigate(location.pathname, {
            replace: true,
            state: { imported: { name: file.name, size: file.size, result } },
          })
          onImported()
        }
      } catch (error) {
        if (isCancelled(error)) {
          setStep(
            mode === 'preview' || !preview
              ? { kind: 'choosing', cancelled: true }
              : { kind: 'previewed', file, preview, cancelled: true },
          )
          return
        }
        const failure =
          error instanceof ApiError
            ? error
            : new ApiError(0, 'network', error instanceof Error ? error.message : String(error))
        const issues = failure.code === 'validation_failed' ? importIssues(failure.details) : null
        if (issues) setStep({ kind: 'refused', file, issues, total: totalOf(failure.message, issues.length) })
        else setStep({ kind: 'failed', file, mode, error: failure, preview })
      } finally {
        running.current = null
      }
    },
    [onImported, navigate, location.pathname],
  )

  const choose = (file: File | undefined) => {
    if (!file) return
    // The server would refuse it (413) once its first 50 MiB had gone up: said before sending any of it.
    if (file.size > LIMITS.claimLogImportBytes) {
      const tooLarge = new ApiError(413, 'payload_too_large', 'The file is larger than 50 MiB.')
      setStep({ kind: 'failed', file, mode: 'preview', error: tooLarge, preview: null })
      return
    }
    void send(file, 'preview', null, false)
  }
  const reset = () => {
    running.current?.abort()
    setStep({ kind: 'choosing' })
    if (location.state) void navigate(location.pathname, { replace: true, state: null })
    setAllowRepeats(false)
    if (inputRef.current) inputRef.current.value = ''
  }
  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault()
    setDragging(false)
    choose(event.dataTransfer.files[0])
  }

  if (!roleAtLeast(user.role, 'editor'))
    return (
      <section aria-labelledby="import-heading" className="page import-page">
        <title>{t('documentTitle')}</title>
        <h1 id="import-heading">{t('title')}</h1>
        <p role="alert" className="import-notice">
          {t('onlyEditors')}
        </p>
        <p>
          <Link to="/claim-log">{t('backToLog')}</Link>
        </p>
      </section>
    )

  const file = step.kind === 'choosing' ? null : step.file
  return (
    <section aria-labelledby="import-heading" className="page import-page">
      <title>{t('documentTitle')}</title>
      <p className="import-back">
        <Link to="/claim-log">{t('backToLog')}</Link>
      </p>
      <h1 id="import-heading">{t('title')}</h1>
      <p className="muted page-intro">{t('intro')}</p>

      <p role="status" className="import-status">
        {statusText(step, t)}
      </p>

      {step.kind === 'choosing' ? (
        // biome-ignore lint/a11y/noStaticElementInteractions: the drop zone adds dragging to the labelled file input inside it, which keyboards reach
        <div
          className={`import-drop${dragging ? ' import-drop-active' : ''}`}
          onDragEnter={(e) => {
            e.preventDefault()
            setDragging(true)
          }}
          onDragOver={(e) => e.preventDefault()}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <input
            ref={inputRef}
            id={inputId}
            type="file"
            accept=".csv,text/csv"
            className="import-file-input"
            aria-describedby={hintId}
            onChange={(e) => choose(e.currentTarget.files?.[0])}
          />
          <label htmlFor={inputId} className="import-drop-label">
            {t('choose')}
          </label>
          <span id={hintId} className="import-hint">
            {t('dropHint')}
          </span>
        </div>
      ) : null}

      {file ? <FileFacts file={file} /> : null}

      {step.kind === 'sending' ? (
        <UploadProgressBar
          fileName={step.file.name}
          mode={step.mode}
          progress={step.progress}
          onCancel={() => running.current?.abort()}
        />
      ) : null}

      {step.kind === 'previewed' ? (
        <div className="import-preview">
          <h2>{t('preview.heading')}</h2>
          <ImportCounts heading={t('preview.created')} result={step.preview} />
          <ImportDisputes heading={t('preview.wouldGoTo')} result={step.preview} linkNew={false} />
          {step.preview.duplicateCount > 0 ? <RepeatList result={step.preview} /> : null}
          <PreviewActions
            preview={step.preview}
            allowRepeats={allowRepeats}
            onAllowRepeats={setAllowRepeats}
            onImport={() => void send(step.file, 'import', step.preview, allowRepeats)}
            onReset={reset}
          />
        </div>
      ) : null}

      {step.kind === 'refused' ? (
        <div className="import-problems">
          <ProblemList issues={step.issues} total={step.total} />
          <div className="import-actions">
            <button type="button" disabled aria-describedby={`${hintId}-disabled`}>
              {t('preview.importFile')}
            </button>
            <span id={`${hintId}-disabled`} className="import-hint import-actions-hint">
              {t('problems.importDisabled')}
            </span>
            <button type="button" onClick={reset}>
              {t('chooseAnother')}
            </button>
          </div>
        </div>
      ) : null}

      {step.kind === 'failed' ? (
        <div role="alert" className="import-failure">
          <p>{failureText(step.error, step.mode, t)}</p>
          {step.error.status === 400 || step.error.status >= 500 ? (
            <p lang="en" translate="no" className="import-hint">
              {step.error.message}
            </p>
          ) : null}
          <div className="import-actions">
            {canRetry(step.error, step.mode) ? (
              <button
                type="button"
                onClick={() => void send(step.file, step.mode, step.preview, allowRepeats)}
              >
                {t('failure.tryAgain')}
              </button>
            ) : null}
            <button type="button" onClick={reset}>
              {t('chooseAnother')}
            </button>
          </div>
        </div>
      ) : null}

      {step.kind === 'imported' ? (
        <div className="import-result">
          <h2>{t('result.heading')}</h2>
          <ImportCounts heading={t('result.created')} result={step.result} />
          <ImportDisputes heading={t('result.disputesHeading')} result={step.result} linkNew />
          <div className="import-actions">
            <Link className="import-button-link" to="/claim-log">
              {t('result.openLog')}
            </Link>
            <button type="button" onClick={reset}>
              {t('result.importAnother')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  )
}

type ImportT = ReturnType<typeof useTranslation<['claimLogImport', 'domain']>>['t']

/** The one line the status region says for each step, so a screen reader hears each change. */
function statusText(step: Step, t: ImportT): string {
  switch (step.kind) {
    case 'choosing':
      return step.cancelled ? t('status.previewCancelled') : ''
    case 'sending':
      return step.mode === 'preview'
        ? t('status.previewing', { file: step.file.name })
        : t('status.importing', { file: step.file.name })
    case 'previewed':
      return step.cancelled
        ? t('status.importCancelled')
        : t('status.previewReady', { count: step.preview.rows })
    case 'refused':
      return t('status.refused')
    case 'failed':
      return t('status.failed')
    case 'imported':
      return t('status.imported', { count: step.result.rows })
  }
}

/**
 * Whether sending the file again is the way forward: after a server failure (its transaction wrote nothing),
 * or a lost connection during a preview. A connection lost during an import may have left it imported.
 */
const canRetry = (error: ApiError, mode: Mode) =>
  error.status >= 500 || (error.status === 0 && mode === 'preview')

/** What went wrong, in words, with the way forward. */
function failureText(error: ApiError, mode: Mode, t: ImportT): string {
  switch (error.status) {
    case 0:
      return mode === 'import' ? t('failure.lostDuringImport') : t('failure.network')
    case 400:
      return t('failure.refused')
    case 401:
      return t('failure.signedOut')
    case 403:
      return t('failure.forbidden')
    case 413:
      return t('failure.tooLarge')
    case 415:
      return t('failure.unsupported')
    default:
      return t('failure.server', { status: error.status })
  }
}

/** The preview's choice: import the rows (repeats too, when ticked), or start again with another file. */
function PreviewActions({
  preview,
  allowRepeats,
  onAllowRepeats,
  onImport,
  onReset,
}: {
  preview: ClaimLogImportResult
  allowRepeats: boolean
  onAllowRepeats: (allow: boolean) => void
  onImport: () => void
  onReset: () => void
}) {
  const { t } = useTranslation('claimLogImport')
  const blockedId = useId()
  const repeats = preview.duplicateCount
  const blocked = repeats > 0 && !allowRepeats
  return (
    <div className="import-actions">
      {repeats > 0 ? (
        <label className="import-repeats-choice">
          <input
            type="checkbox"
            checked={allowRepeats}
            onChange={(e) => onAllowRepeats(e.currentTarget.checked)}
          />{' '}
          {t('preview.alsoRepeats', { count: repeats })}
        </label>
      ) : null}
      <button
        type="button"
        className="primary"
        disabled={blocked}
        aria-describedby={blocked ? blockedId : undefined}
        onClick={onImport}
      >
        {t('preview.import', { count: preview.rows })}
      </button>
      {blocked ? (
        <span id={blockedId} className="import-hint import-actions-hint">
          {t('preview.repeatsBlock')}
        </span>
      ) : null}
      <button type="button" onClick={onReset}>
        {t('chooseAnother')}
      </button>
    </div>
  )
}
