import { useTranslation } from 'react-i18next'
import type { UploadProgress } from '../api/upload.ts'

/**
 * The upload's progress: a bar named for the file with its percentage while the file leaves, then what the
 * server is doing until it answers. Cancel aborts the request; once an import's whole file has arrived the
 * server finishes it, so Cancel gives way to saying so.
 */
export function UploadProgressBar({
  fileName,
  mode,
  progress,
  onCancel,
}: {
  fileName: string
  mode: 'preview' | 'import'
  progress: UploadProgress
  onCancel: () => void
}) {
  const { t } = useTranslation('claimLogImport')
  const percent = progress.total > 0 ? Math.floor((progress.sent / progress.total) * 100) : 0
  const arrived = progress.total > 0 && progress.sent >= progress.total
  const percentText = t('percent', { percent })
  return (
    <div className="import-progress">
      <progress max={100} value={percent} aria-label={t('progress.label', { file: fileName })} />
      <p className="import-progress-text">
        {arrived
          ? mode === 'preview'
            ? t('progress.checking')
            : t('progress.writing')
          : mode === 'preview'
            ? t('progress.previewing', { percent: percentText })
            : t('progress.importing', { percent: percentText })}
      </p>
      {arrived && mode === 'import' ? (
        <p className="import-hint">{t('progress.wholeFileArrived')}</p>
      ) : (
        <button type="button" onClick={onCancel}>
          {t('progress.cancel')}
        </button>
      )}
    </div>
  )
}
