import { AppError, type ValidationIssue } from './errors.ts'

/**
 * What the desk calls each field of the records and requests, by its property name: the one home of these
 * words, for the API's messages, the web's errors and the history. A name missing here reads as its words
 * ("publishedOn" → "Published on"); the list names those that would read wrong or stiff that way.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  shortText: 'Short form',
  claimantId: 'Claimant',
  claimId: 'Claim',
  otherClaimId: 'Other claim',
  linkedClaimId: 'Linked claim',
  evidenceId: 'Evidence item',
  disputeId: 'Dispute',
  factCheckId: 'Fact-check',
  citedEvidenceIds: 'Cited evidence',
  correctionNote: 'Correction note',
  withdrawalNote: 'Public note',
  returnNote: 'Note for the author',
  assigneeIds: 'People assigned',
  dueOn: 'Due date',
  statedOn: 'Date stated',
  appearanceUrl: 'Appearance URL',
  appearanceUrls: 'Appearance URLs',
  archiveUrl: 'Archived copy',
  archivedAt: 'Archived',
  imageUrl: 'Image URL',
  url: 'URL',
  baseUrl: 'Feed address',
  sourceName: 'Source',
  sourceReliability: 'Source reliability',
  informationCredibility: 'Information credibility',
  sameAs: 'Links',
  quantities: 'Numbers',
  quantity: 'Number',
  valueMax: 'Upper value',
  askedOn: 'Asked on',
  replyBy: 'Reply by',
  answer: 'Reply',
  answeredOn: 'Replied on',
  contact: 'Whom we asked',
  currentPassword: 'Current password',
  newPassword: 'New password',
  intervalMinutes: 'Fetch interval',
  periodFrom: 'Period from',
  periodTo: 'Period to',
  q: 'Search words',
}

/**
 * A field's name in words, from a request path or a property name: "citedEvidenceIds.2" → "Cited evidence",
 * "publishedOn" → "Published on", "query.limit" → "Limit"; null for the whole request ("(body)" or empty).
 */
export function fieldLabel(path: string): string | null {
  const parts = path.split('.').filter((p) => p !== '' && p !== '(body)' && !/^\d+$/.test(p))
  // A query string's or a route's parameter is named after its target ("query.limit"): the field is what follows.
  const key = ['query', 'param', 'header'].includes(parts[0] ?? '') && parts.length > 1 ? parts[1] : parts[0]
  if (key === undefined) return null
  const known = FIELD_LABELS[key]
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
