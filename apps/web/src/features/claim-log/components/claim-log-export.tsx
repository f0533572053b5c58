import type { ClaimLogExportFormat, ClaimLogFilters } from '@counterclaim/shared'
import { useId, useState } from 'react'
import { csvExportHref } from '../api/claim-log.ts'

const FORMATS: ReadonlyArray<{ format: ClaimLogExportFormat; label: string; hint: string }> = [
  {
    format: 'safe',
    label: 'Safe for spreadsheets',
    hint: 'Cells that a spreadsheet would run as a formula start with an apostrophe.',
  },
  {
    format: 'excel',
    label: 'For Excel',
    hint: 'The same, marked as UTF-8 so Excel shows every alphabet correctly.',
  },
  {
    format: 'raw',
    label: 'Raw data',
    hint: 'Every cell exactly as written, for data tools.',
  },
]

/** The CSV export of the log's filters, in the format the reader will open it with. */
export function ClaimLogExport({ filters }: { filters: ClaimLogFilters }) {
  const [format, setFormat] = useState<ClaimLogExportFormat>('safe')
  const name = useId()
  const warningId = useId()
  return (
    <div className="log-export">
      <fieldset className="log-export-formats">
        <legend>Export file</legend>
        {FORMATS.map((f) => (
          <label key={f.format} className="log-export-format">
            <input
              type="radio"
              name={name}
              value={f.format}
              checked={format === f.format}
              onChange={() => setFormat(f.format)}
            />
            <span>
              {f.label} <span className="field-hint">{f.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {format === 'raw' ? (
        <p id={warningId} className="notice" role="note">
          Raw data is for data tools such as R, Python or a database, not for spreadsheets: a cell starting
          with =, +, - or @ could run as a formula in Excel, LibreOffice or Google Sheets.
        </p>
      ) : null}
      <a
        className="button-link"
        href={csvExportHref(filters, format)}
        download
        aria-describedby={format === 'raw' ? warningId : undefined}
      >
        Export CSV
      </a>
    </div>
  )
}
