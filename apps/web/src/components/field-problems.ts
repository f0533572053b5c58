import { DOMAIN_CATALOGUES, FIELD_LABELS, fieldLabel, type ValidationIssue } from '@counterclaim/shared'
import { i18n } from '../i18n/i18n.ts'
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

type DomainField = keyof (typeof DOMAIN_CATALOGUES)['en']['field']

/**
 * A field's name in the interface's language, from a request path: the domain's words for the fields the
 * desk names (packages/shared's FIELD_LABELS, which stay English for the API), else the name as the API
 * reads it; null for the whole request.
 */
export function fieldWords(path: string): string | null {
  const english = fieldLabel(path)
  if (english === null) return null
  const key = Object.keys(FIELD_LABELS).find((k) => FIELD_LABELS[k] === english)
  return key && key in DOMAIN_CATALOGUES.en.field ? i18n.t(`domain:field.${key as DomainField}`) : english
}

/** A problem as a sentence, the field named in the interface's language: "Cited evidence needs at least one item." */
export function problemWords({ path, message }: ValidationIssue): string {
  const label = fieldWords(path)
  const text = message.replace(/[.\s]+$/, '')
  return label ? `${label} ${text}.` : `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}
