import type { ClaimLogImportResult, ImportIssue } from '@counterclaim/shared'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { formatNumber } from '../../../components/dates.ts'
import { problemWords } from '../api/problem-words.ts'

// How many repeated rows the preview lists before "and N more" (the answer holds up to 1,000).
const LISTED_REPEATS = 100

/** A file's size in the reader's language: bytes, KiB or MiB with one decimal. */
function useFileSize() {
  const { t } = useTranslation('claimLogImport')
  return (bytes: number) => {
    if (bytes < 1024) return t('size.bytes', { count: bytes })
    const oneDecimal = (n: number) => formatNumber(Math.round(n * 10) / 10)
    if (bytes < 1024 * 1024) return t('size.kib', { size: oneDecimal(bytes / 1024) })
    return t('size.mib', { size: oneDecimal(bytes / (1024 * 1024)) })
  }
}

/** The chosen file: its name as the person's computer calls it, and its size. */
export function FileFacts({ file }: { file: { name: string; size: number } }) {
  const { t } = useTranslation('claimLogImport')
  const size = useFileSize()
  return (
    <dl className="import-file">
      <dt>{t('fileLabel')}</dt>
      <dd>
        <span dir="auto" className="import-file-name">
          {file.name}
        </span>{' '}
        <span className="muted">{size(file.size)}</span>
      </dd>
    </dl>
  )
}

/** What an import creates (or, in a preview, would create), counted. */
export function ImportCounts({ heading, result }: { heading: string; result: ClaimLogImportResult }) {
  const { t } = useTranslation('claimLogImport')
  const { created } = result
  const rows: Array<[string, number, string?]> = [
    [t('counts.claims'), created.claims],
    [t('counts.disputes'), created.disputes],
    [t('counts.claimants'), created.claimants],
    [t('counts.verdicts'), created.verdicts],
    [t('counts.heldForReview'), result.heldForReview, t('counts.heldForReviewHint')],
  ]
  return (
    <section className="import-counts" aria-label={heading}>
      <h3>{heading}</h3>
      <dl>
        {rows.map(([label, value, hint]) => (
          <div key={label}>
            <dt>
              {label}
              {hint ? <span className="import-hint import-count-hint"> {hint}</span> : null}
            </dt>
            <dd>{formatNumber(value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

/**
 * The disputes the rows went to (or would go to), each with its claims and whether it is new; each one on the
 * desk links to its workbench (in a preview, a dispute the import would create is not there yet).
 */
export function ImportDisputes({
  heading,
  result,
  linkNew,
}: {
  heading: string
  result: ClaimLogImportResult
  linkNew: boolean
}) {
  const { t } = useTranslation('claimLogImport')
  if (result.disputes.length === 0) return null
  const more = result.disputeCount - result.disputes.length
  return (
    <section className="import-disputes" aria-label={heading}>
      <h3>{heading}</h3>
      <ul>
        {result.disputes.map((d) => (
          <li key={d.id}>
            {linkNew || !d.created ? (
              <Link to={`/disputes/${d.id}`} dir="auto">
                {d.title}
              </Link>
            ) : (
              <span dir="auto">{d.title}</span>
            )}{' '}
            <span className="muted">
              {t('disputes.entry', {
                claims: t('disputes.claims', { count: d.claims }),
                state: d.created ? t('disputes.new') : t('disputes.existing'),
              })}
            </span>
          </li>
        ))}
      </ul>
      {more > 0 ? <p className="muted">{t('disputes.more', { count: more })}</p> : null}
    </section>
  )
}

/** The rows that repeat claims already on the desk, each with the dispute that holds the claim it repeats. */
export function RepeatList({ result }: { result: ClaimLogImportResult }) {
  const { t } = useTranslation('claimLogImport')
  const shown = result.duplicates.slice(0, LISTED_REPEATS)
  const more = result.duplicateCount - shown.length
  return (
    <section
      className="import-repeats import-notice"
      aria-label={t('repeats.heading', { count: result.duplicateCount })}
    >
      <h3>{t('repeats.heading', { count: result.duplicateCount })}</h3>
      <p>{t('repeats.hint')}</p>
      <ul>
        {shown.map((d) => (
          <li key={d.line}>
            {t('repeats.line', { line: d.line })}{' '}
            <Link to={`/disputes/${d.disputeId}`} dir="auto">
              {d.disputeTitle}
            </Link>
          </li>
        ))}
      </ul>
      {more > 0 ? <p>{t('repeats.more', { count: more })}</p> : null}
    </section>
  )
}

/**
 * Every problem of a refused file by line and column: "Line 12 · Claimant (claimant): must not be empty", the
 * column in words and its header as the file has it, so the cell can be found in the sheet.
 */
export function ProblemList({ issues, total }: { issues: ImportIssue[]; total: number }) {
  const { t } = useTranslation(['claimLogImport', 'domain'])
  return (
    <div role="alert" className="import-problem-box">
      <h2>{t('problems.heading', { count: total })}</h2>
      {total > issues.length ? <p>{t('problems.firstListed', { count: issues.length })}</p> : null}
      <p>{t('problems.hint')}</p>
      <ul className="import-problem-list">
        {issues.map((issue, i) => {
          const words = problemWords(issue, t)
          return (
            // The same line and column may have two problems: the position tells them apart.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is never reordered
            <li key={i}>
              <span className="import-problem-line">
                {words.line > 0 ? t('problems.line', { line: words.line }) : t('problems.wholeFile')}
              </span>
              {' · '}
              {words.header ? (
                words.columnWords ? (
                  <>
                    {words.columnWords} (<code translate="no">{words.header}</code>):{' '}
                  </>
                ) : (
                  <>
                    <code translate="no">{words.header}</code>:{' '}
                  </>
                )
              ) : null}
              <span lang={words.inEnglish ? 'en' : undefined} translate={words.inEnglish ? 'no' : undefined}>
                {words.message}
              </span>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
