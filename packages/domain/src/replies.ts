import {
  DOMAIN_CATALOGUES,
  type DomainWords,
  ENGLISH_WORDS,
  type PublishedReply,
  type ReplyChannel,
  type ValidationIssue,
} from '@counterclaim/shared'

/** How the desk asked, as the middle of a sentence: "by email", "in person" (the catalogue's English `replyChannel`). */
export const REPLY_CHANNEL_WORDS: Readonly<Record<ReplyChannel, string>> = DOMAIN_CATALOGUES.en.replyChannel

/** The fields of an entry the rules across fields read. */
type ReplyDates = Pick<PublishedReply, 'askedOn' | 'replyBy' | 'answer' | 'answeredOn'>

/**
 * What is wrong across an entry's fields, by field (each message follows the field's name, as the contract's
 * other validation messages do): a deadline or an answer dated before the question, an answer without the day
 * it came or a day without its answer. Empty when it holds together.
 */
export function replyProblems(entry: ReplyDates): ValidationIssue[] {
  const problems: ValidationIssue[] = []
  // YYYY-MM-DD compares as text in calendar order.
  if (entry.replyBy !== null && entry.replyBy < entry.askedOn) {
    problems.push({ path: 'replyBy', message: 'cannot be before the day you asked' })
  }
  if (entry.answeredOn !== null && entry.answeredOn < entry.askedOn) {
    problems.push({ path: 'answeredOn', message: 'cannot be before the day you asked' })
  }
  if (entry.answer !== null && entry.answeredOn === null) {
    problems.push({ path: 'answeredOn', message: 'is needed with the reply' })
  }
  if (entry.answer === null && entry.answeredOn !== null) {
    problems.push({ path: 'answer', message: 'is needed with a reply date' })
  }
  return problems
}

/** Where an entry stands: answered, past its deadline without an answer, or waiting. `today` is YYYY-MM-DD. */
export function replyState(
  entry: ReplyDates,
  today: string,
): 'answered' | 'no_reply_by_deadline' | 'waiting' {
  if (entry.answer !== null) return 'answered'
  if (entry.replyBy !== null && entry.replyBy < today) return 'no_reply_by_deadline'
  return 'waiting'
}

/** Entries in the order the log reads: the day asked, then as given. */
export function byAskedOn<T extends { askedOn: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => (a.askedOn < b.askedOn ? -1 : a.askedOn > b.askedOn ? 1 : 0))
}

/**
 * An entry as one line of text: "Asked X by email on 2025-06-10: “…” — replied on …: “…”". Dates as given
 * unless `date` formats them; with `today` (YYYY-MM-DD) a deadline that has passed reads "no reply by …".
 * In the language of `words` (English by default).
 */
export function replyLine(
  entry: PublishedReply,
  date: (day: string) => string = (day) => day,
  today?: string,
  words: DomainWords = ENGLISH_WORDS,
): string {
  const asked = words.t('replyLine.asked', {
    contact: entry.contact,
    channel: words.t(`replyChannel.${entry.channel}`),
    date: date(entry.askedOn),
    question: entry.question,
  })
  if (entry.answer !== null) {
    return entry.answeredOn
      ? words.t('replyLine.repliedOn', { asked, date: date(entry.answeredOn), answer: entry.answer })
      : words.t('replyLine.replied', { asked, answer: entry.answer })
  }
  if (entry.replyBy && today && replyState(entry, today) === 'no_reply_by_deadline') {
    return words.t('replyLine.noReplyBy', { asked, date: date(entry.replyBy) })
  }
  return entry.replyBy
    ? words.t('replyLine.noReplyYetAskedBy', { asked, date: date(entry.replyBy) })
    : words.t('replyLine.noReplyYet', { asked })
}
