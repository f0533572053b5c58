import type { ClaimLogExportFormat, ClaimLogFilters } from '@counterclaim/shared'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { csvExportHref } from '../api/claim-log.ts'

/** The export's formats, in the order offered; each has a label and a hint in the catalogue (claimLog:export). */
const FORMATS: readonly ClaimLogExportFormat[] = ['safe', 'excel', 'raw']

/** The CSV export of the log's filters, in the format the reader will open it with. */
export function ClaimLogExport({ filters }: { filters: ClaimLogFilters }) {
  const [format, setFormat] = useState<ClaimLogExportFormat>('safe')
  const { t } = useTranslation('claimLog')
  const name = useId()
  const warningId = useId()
  return (
    <div className="log-export">
      <fieldset className="log-export-formats">
        <legend>{t('export.legend')}</legend>
        {FORMATS.map((f) => (
          <label key={f} className="log-export-format">
            <input type="radio" name={name} value={f} checked={format === f} onChange={() => setFormat(f)} />
            <span>
              {t(`export.${f}`)} <span className="field-hint">{t(`export.${f}Hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {format === 'raw' ? (
        <p id={warningId} className="notice" role="note">
          {t('export.rawWarning')}
        </p>
      ) : null}
      <a
        className="button-link"
        href={csvExportHref(filters, format)}
        download
        aria-describedby={format === 'raw' ? warningId : undefined}
      >
        {t('export.link')}
      </a>
    </div>
  )
}
