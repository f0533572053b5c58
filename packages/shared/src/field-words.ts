import { AppError, type ValidationIssue } from './errors.ts'
import { DEFAULT_LOCALE, DOMAIN_CATALOGUES, type Locale } from './i18n/locales.ts'

/**
 * What the desk calls each field of the records and requests, by its property name: the English of the
 * domain catalogue's `field` words (packages/shared/src/i18n), the one home of these words, for the API's
 * messages, the web's errors and the history. A name missing there reads as its words ("publishedOn" →
 * "Published on").
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = DOMAIN_CATALOGUES.en.field

/**
 * A field's name in words, from a request path or a property name: "citedEvidenceIds.2" → "Cited evidence",
 * "publishedOn" → "Published on", "query.limit" → "Limit"; null for the whole request ("(body)" or empty).
 * In another language, the catalogue's word for the field, else the English.
 */
export function fieldLabel(path: string, locale: Locale = DEFAULT_LOCALE): string | null {
  const parts = path.split('.').filter((p) => p !== '' && p !== '(body)' && !/^\d+$/.test(p))
  // A query string's or a route's parameter is named after its target ("query.limit"): the field is what follows.
  const key = ['query', 'param', 'header'].includes(parts[0] ?? '') && parts.length > 1 ? parts[1] : parts[0]
  if (key === undefined) return null
  const labels: Readonly<Record<string, string>> = DOMAIN_CATALOGUES[locale].field
  const known = labels[key] ?? FIELD_LABELS[key]
  if (known) return known
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`
}

/** A problem as a sentence: "Cited evidence needs at least one item."; one of the whole request alone, capitalised. */
export function problemSentence({ path, message }: ValidationIssue): string {
  const label = fieldLabel(path)
  const text = message.replace(/[.\s]+$/, '')
  return label ? `${label} ${text}.` : `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}

/**
 * The one validation failure: details keep each problem's property path (for integrators); the message
 * names the fields in words ("Some fields are missing or not valid: Title, Cited evidence."), or, when only
 * the request as a whole is wrong, says what is wrong with it ("Nothing was changed: …").
 */
export function invalidFields(problems: ValidationIssue[]): AppError {
  const labels = [...new Set(problems.map((p) => fieldLabel(p.path)).filter((l): l is string => l !== null))]
  const message =
    labels.length > 0
      ? `Some fields are missing or not valid: ${labels.join(', ')}.`
      : problems.length > 0
        ? problems.map(problemSentence).join(' ')
        : 'Some fields are missing or not valid.'
  return new AppError('validation_failed', message, problems)
}
