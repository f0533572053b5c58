import {
  claimantName,
  DOMAIN_CATALOGUES,
  type PublicationChange,
  type PublishedRecord,
  type PublishedReply,
  type Rating,
  ratingLabel,
} from '@counterclaim/shared'
import { describeQuantity } from './quantities.ts'
import { replyLine } from './replies.ts'

type Source = PublishedRecord['citedEvidence'][number]

const text = (value: string | null | undefined): string | null => (value === undefined ? null : value)
const list = (values: string[]): string | null => (values.length ? values.join(', ') : null)
const rating = (value: Rating | null): string | null => (value ? ratingLabel(value) : null)

const CLAIM_FIELDS: Array<[keyof PublishedRecord['claim'], string]> = [
  ['text', 'Claim text'],
  ['shortText', 'Short form'],
  ['statedOn', 'Date stated'],
  ['appearanceUrl', 'Where it was said'],
  ['archiveUrl', 'Archived copy of the claim'],
  ['language', 'Language'],
]

type PublishedClaimant = NonNullable<PublishedRecord['claimant']>

const CLAIMANT_FIELDS: Array<[keyof Omit<PublishedClaimant, 'sameAs'>, string]> = [
  ['name', 'Claimant name'],
  ['kind', 'Claimant kind'],
  ['description', 'Claimant description'],
  ['url', 'Claimant web page'],
  ['jobTitle', 'Claimant job title'],
  ['affiliation', 'Claimant affiliation'],
  ['imageUrl', 'Claimant image'],
]

const SOURCE_FIELDS: Array<[keyof Omit<Source, 'id'>, string]> = [
  ['title', 'title'],
  ['kind', 'kind'],
  ['sourceName', 'source name'],
  ['url', 'URL'],
  ['archiveUrl', 'archive URL'],
  ['publishedOn', 'date'],
  ['stance', 'stance'],
  ['origin', 'origin'],
]

/** A source's stance as a phrase of its own: the domain catalogue's English `stancePhrase`. */
const STANCE_WORDS: Readonly<Record<string, string>> = DOMAIN_CATALOGUES.en.stancePhrase

function sourceValue(source: Source, field: keyof Omit<Source, 'id'>): string | null {
  const value = text(source[field])
  return field === 'stance' && value !== null ? (STANCE_WORDS[value] ?? value) : value
}

/** One entry of the reply log is known by whom the desk asked, how, and on which day. */
const replyKey = (r: PublishedReply) => `${r.askedOn}\u0000${r.channel}\u0000${r.contact}`

function replyChanges(published: PublishedReply[], live: PublishedReply[]): PublicationChange[] {
  const changes: PublicationChange[] = []
  const liveByKey = new Map(live.map((r) => [replyKey(r), r]))
  const publishedKeys = new Set(published.map(replyKey))
  const label = (r: PublishedReply) => `Right of reply: ${r.contact}, asked ${r.askedOn}`
  for (const was of published) {
    const wasText = replyLine(was)
    const now = liveByKey.get(replyKey(was))
    const nowText = now ? replyLine(now) : null
    if (wasText !== nowText)
      changes.push({ part: 'claim', label: label(was), published: wasText, current: nowText })
  }
  for (const now of live) {
    if (!publishedKeys.has(replyKey(now))) {
      changes.push({ part: 'claim', label: label(now), published: null, current: replyLine(now) })
    }
  }
  return changes
}

/** What a published record is built from: rows (or records) that may carry more fields than it shows. */
export interface PublishedRecordParts {
  claim: PublishedRecord['claim'] & { quantities: PublishedRecord['quantities'] }
  claimant: PublishedClaimant | null
  verdict: PublishedRecord['verdict']
  /** The cited items that are not archived, in citation order, each with its stance on the claim. */
  citedEvidence: Source[]
  replies: PublishedReply[]
}

/**
 * What the public sees of a verdict, from its parts: exactly the record's fields, in the record's order
 * (a snapshot is stored as this object's JSON, and the set-based backfill writes the same text).
 */
export function publishedRecordOf({
  claim,
  claimant,
  verdict,
  citedEvidence,
  replies,
}: PublishedRecordParts): PublishedRecord {
  return {
    claim: {
      id: claim.id,
      text: claim.text,
      shortText: claim.shortText,
      statedOn: claim.statedOn,
      appearanceUrl: claim.appearanceUrl,
      archiveUrl: claim.archiveUrl,
      language: claim.language,
    },
    claimant: claimant && {
      id: claimant.id,
      name: claimant.name,
      kind: claimant.kind,
      description: claimant.description,
      url: claimant.url,
      sameAs: claimant.sameAs,
      jobTitle: claimant.jobTitle,
      affiliation: claimant.affiliation,
      imageUrl: claimant.imageUrl,
    },
    verdict: { rating: verdict.rating, summary: verdict.summary, rationale: verdict.rationale },
    citedEvidence: citedEvidence.map((e) => ({
      id: e.id,
      title: e.title,
      kind: e.kind,
      sourceName: e.sourceName,
      url: e.url,
      archiveUrl: e.archiveUrl,
      publishedOn: e.publishedOn,
      stance: e.stance,
      origin: e.origin,
    })),
    quantities: claim.quantities,
    replies,
  }
}

/**
 * How the live records differ from what was published, field by field, in a person's words: the claim (its
 * quantities and right-of-reply log among it), the claimant, the verdict, and each cited source (its stance
 * on the claim and its origin among it).
 * Empty when the public sees exactly what the desk has now.
 */
export function publicationChanges(published: PublishedRecord, live: PublishedRecord): PublicationChange[] {
  const changes: PublicationChange[] = []
  const push = (part: PublicationChange['part'], label: string, was: string | null, now: string | null) => {
    if (was !== now) changes.push({ part, label, published: was, current: now })
  }
  for (const [field, label] of CLAIM_FIELDS) {
    push('claim', label, text(published.claim[field]), text(live.claim[field]))
  }
  const [was, now] = [published.claimant, live.claimant]
  if (was === null || now === null || was.id !== now.id) {
    // Attributed, unattributed or another claimant: one change, named as readers see it.
    if (was?.id !== now?.id) push('claimant', 'Claimant', claimantName(was), claimantName(now))
  } else {
    for (const [field, label] of CLAIMANT_FIELDS) {
      push('claimant', label, text(was[field]), text(now[field]))
    }
    push('claimant', 'Claimant’s other pages', list(was.sameAs), list(now.sameAs))
  }
  push(
    'claim',
    'Quantities',
    published.quantities.map((q) => describeQuantity(q)).join('; ') || null,
    live.quantities.map((q) => describeQuantity(q)).join('; ') || null,
  )
  changes.push(...replyChanges(published.replies, live.replies))
  push('verdict', 'Rating', rating(published.verdict.rating), rating(live.verdict.rating))
  push('verdict', 'Summary', published.verdict.summary, live.verdict.summary)
  push('verdict', 'Rationale', published.verdict.rationale, live.verdict.rationale)

  const liveSources = new Map(live.citedEvidence.map((s) => [s.id, s]))
  const publishedIds = new Set(published.citedEvidence.map((s) => s.id))
  for (const was of published.citedEvidence) {
    const now = liveSources.get(was.id)
    if (!now) {
      push('source', `Source “${was.title}”`, was.title, null)
      continue
    }
    for (const [field, label] of SOURCE_FIELDS) {
      // Snapshots from before stances were published read as none: that is not a change the desk made.
      if (field === 'stance' && was.stance === null) continue
      push('source', `Source ${label} of “${was.title}”`, sourceValue(was, field), sourceValue(now, field))
    }
  }
  for (const now of live.citedEvidence) {
    if (!publishedIds.has(now.id)) push('source', `Source “${now.title}”`, null, now.title)
  }
  const order = (ids: string[]) => ids.filter((id) => publishedIds.has(id) && liveSources.has(id)).join(' ')
  if (
    order(published.citedEvidence.map((s) => s.id)) !== order(live.citedEvidence.map((s) => s.id)) &&
    changes.every((c) => c.part !== 'source')
  ) {
    push('source', 'Order of the sources', 'as published', 'reordered')
  }
  return changes
}

/**
 * A one-line account of the changes: "claim text, 1 source" — the claim's and the verdict's fields
 * by name, sources counted once each.
 */
export function describeChanges(changes: PublicationChange[]): string {
  const parts: string[] = []
  const sources = new Set<string>()
  for (const change of changes) {
    if (change.part === 'source') {
      // One source may change in several fields; its title names it in every label.
      sources.add(change.label.replace(/^Source (?:[a-zA-Z ]+ of )?/, ''))
      continue
    }
    const words = change.label.charAt(0).toLowerCase() + change.label.slice(1)
    if (!parts.includes(words)) parts.push(words)
  }
  if (sources.size) parts.push(`${sources.size} ${sources.size === 1 ? 'source' : 'sources'}`)
  return parts.join(', ')
}
