import { type ClaimLogImportResult, ClaimLogImportResultSchema, type ErrorBody } from '@counterclaim/shared'
import { ApiError } from '../../../lib/api-client.ts'

/** How far a file's upload has gone: bytes sent of the total; `sent` equals `total` once it has all left. */
export interface UploadProgress {
  sent: number
  total: number
}

/** What the person asked for: a dry run (a preview that writes nothing) or the import, repeats allowed or not. */
export interface ImportRequest {
  dryRun: boolean
  allowDuplicates: boolean
}

/** The address of the import for a request: `?dryRun=1` previews, `?allowDuplicates=1` imports repeats too. */
export function importAddress({ dryRun, allowDuplicates }: ImportRequest): string {
  const params = new URLSearchParams()
  if (dryRun) params.set('dryRun', '1')
  if (allowDuplicates) params.set('allowDuplicates', '1')
  const query = params.toString()
  return `/api/claim-log/import${query ? `?${query}` : ''}`
}

/**
 * Sends a CSV file to the claim-log import. XMLHttpRequest rather than fetch: only it reports how much
 * of the body has been sent, which is what the progress bar shows (the server reads, checks and writes
 * the rows as they arrive, so the upload's progress is the import's). Aborting `signal` cancels the
 * request, rejecting with an AbortError; the server writes nothing from a body that did not arrive whole.
 * Fails with the API's error (its code, message and details) or ApiError `network` (status 0).
 */
export function sendClaimLogFile(
  file: File,
  request: ImportRequest,
  onProgress: (progress: UploadProgress) => void,
  signal: AbortSignal,
): Promise<ClaimLogImportResult> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'))
      return
    }
    const xhr = new XMLHttpRequest()
    const abort = () => xhr.abort()
    signal.addEventListener('abort', abort, { once: true })
    const settle = () => signal.removeEventListener('abort', abort)
    xhr.open('POST', importAddress(request))
    xhr.setRequestHeader('Content-Type', 'text/csv')
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.responseType = 'text'
    xhr.upload.addEventListener('progress', (event) =>
      onProgress({ sent: event.loaded, total: event.lengthComputable ? event.total : file.size }),
    )
    xhr.upload.addEventListener('load', () => onProgress({ sent: file.size, total: file.size }))
    xhr.addEventListener('abort', () => {
      settle()
      reject(new DOMException('The upload was cancelled.', 'AbortError'))
    })
    xhr.addEventListener('error', () => {
      settle()
      reject(
        new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.'),
      )
    })
    xhr.addEventListener('load', () => {
      settle()
      let body: unknown = null
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        // Not JSON (a proxy's page, say): said below by its status.
      }
      if (xhr.status === 200) {
        const parsed = ClaimLogImportResultSchema.safeParse(body)
        if (parsed.success) resolve(parsed.data)
        else reject(new ApiError(xhr.status, 'internal', 'The server answered in an unexpected form.'))
        return
      }
      const error = (body as ErrorBody | null)?.error
      reject(
        new ApiError(
          xhr.status,
          error?.code ?? 'internal',
          error?.message ?? `The server answered ${xhr.status}.`,
          error?.details,
        ),
      )
    })
    xhr.send(file)
  })
}

/** Whether a failure is the person's own Cancel. */
export const isCancelled = (error: unknown): boolean =>
  error instanceof DOMException && error.name === 'AbortError'
