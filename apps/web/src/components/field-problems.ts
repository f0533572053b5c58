import { ApiError } from '../lib/api-client.ts'

/** The fields a validation failure names, with what is wrong with each (empty for any other failure). */
export function fieldProblems(error: Error | null): { path: string; message: string }[] {
  if (!error) return []
  if (!(error instanceof ApiError) || error.code !== 'validation_failed' || !Array.isArray(error.details))
    return []
  return error.details.flatMap((d: unknown) =>
    typeof d === 'object' && d !== null && 'message' in d
      ? [
          {
            path: String((d as { path?: unknown }).path ?? ''),
            message: String((d as { message: unknown }).message),
          },
        ]
      : [],
  )
}

/** Whether a problem at `problemPath` belongs to the field at `path` ("tags.2" belongs to "tags"). */
export const isUnder = (problemPath: string, path: string) =>
  problemPath === path || problemPath.startsWith(`${path}.`)
