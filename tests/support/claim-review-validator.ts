// A validator for the ClaimReview JSON-LD the app publishes, written from two published documents:
//
// - schema.org's type definitions: ClaimReview (https://schema.org/ClaimReview), Claim
//   (https://schema.org/Claim), Rating (https://schema.org/Rating), Organization
//   (https://schema.org/Organization), Person (https://schema.org/Person), CreativeWork
//   (https://schema.org/CreativeWork) and CorrectionComment (https://schema.org/CorrectionComment):
//   which properties each type has (its own and inherited) and what each expects (Text, URL, Date or
//   DateTime, Number, another type);
// - Google Search Central, "Fact check (ClaimReview) structured data"
//   (https://developers.google.com/search/docs/appearance/structured-data/factcheck): the required
//   properties (ClaimReview claimReviewed, reviewRating, url; Rating alternateName) and the recommended
//   ones (ClaimReview author, datePublished, itemReviewed; Claim appearance, author, datePublished,
//   firstAppearance; Rating bestRating, ratingValue, worstRating), the @context https://schema.org, and a
//   numeric rating only with the scale it sits on.
//
// It knows nothing of the app's code: it reads the JSON as a search engine would. The property lists below
// are the subset of each schema.org type's properties a fact check has a use for; any other property is
// reported, so a typo or an invented field cannot slip through.

type Json = Record<string, unknown>

/** The longest claimReviewed the app writes: the claim's text is cut at a word past 300 characters. */
export const CLAIM_REVIEWED_MAX = 300

const KNOWN: Record<string, string[]> = {
  // ClaimReview ← Review ← CreativeWork ← Thing.
  ClaimReview: [
    '@context',
    '@type',
    '@id',
    'url',
    'claimReviewed',
    'reviewRating',
    'itemReviewed',
    'author',
    'datePublished',
    'dateModified',
    'citation',
    'correction',
    'sdLicense',
    'inLanguage',
    'name',
    'headline',
    'publisher',
  ],
  // Claim ← CreativeWork ← Thing.
  Claim: ['@type', 'author', 'datePublished', 'appearance', 'firstAppearance', 'inLanguage', 'name', 'url'],
  // Rating ← Intangible ← Thing.
  Rating: [
    '@type',
    'alternateName',
    'name',
    'description',
    'ratingExplanation',
    'ratingValue',
    'bestRating',
    'worstRating',
    'author',
    'reviewAspect',
    'image',
  ],
  // Organization ← Thing: no jobTitle, no affiliation (those are Person's).
  Organization: ['@type', '@id', 'name', 'url', 'logo', 'sameAs', 'image', 'description', 'alternateName'],
  Person: ['@type', '@id', 'name', 'url', 'image', 'sameAs', 'jobTitle', 'affiliation', 'description'],
  CreativeWork: [
    '@type',
    '@id',
    'url',
    'name',
    'headline',
    'publisher',
    'datePublished',
    'archivedAt',
    'author',
  ],
  CorrectionComment: ['@type', 'text', 'datePublished'],
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/
// BCP 47 as schema.org's inLanguage asks: a primary subtag, then subtags of 1–8 letters or digits.
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A calendar date or a moment with its offset, as ISO 8601 (schema.org Date or DateTime) writes them. */
export function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string') return false
  const match = DATE.exec(value) ?? DATE_TIME.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** A date only: YYYY-MM-DD. */
export const isDateOnly = (value: unknown) =>
  typeof value === 'string' && DATE.test(value) && isIsoDate(value)

/** An absolute http(s) URL. */
export function isAbsoluteUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
  } catch {
    return false
  }
}

const isText = (value: unknown) => typeof value === 'string' && value.trim() !== ''

class Problems {
  readonly list: string[] = []
  add(path: string, problem: string) {
    this.list.push(`${path}: ${problem}`)
  }
  known(path: string, node: Json, type: string) {
    for (const key of Object.keys(node)) {
      if (!KNOWN[type]?.includes(key)) this.add(`${path}.${key}`, `not a property of schema.org ${type}`)
    }
  }
  text(path: string, value: unknown, required = false) {
    if (value === undefined) {
      if (required) this.add(path, 'required, missing')
    } else if (!isText(value)) this.add(path, 'expected Text')
  }
  url(path: string, value: unknown, required = false) {
    if (value === undefined) {
      if (required) this.add(path, 'required, missing')
    } else if (!isAbsoluteUrl(value)) this.add(path, `expected an absolute URL, got ${JSON.stringify(value)}`)
  }
  date(path: string, value: unknown) {
    if (value !== undefined && !isIsoDate(value)) {
      this.add(path, `expected an ISO 8601 Date or DateTime, got ${JSON.stringify(value)}`)
    }
  }
  urls(path: string, value: unknown) {
    if (value === undefined) return
    const list = Array.isArray(value) ? value : [value]
    if (list.length === 0) this.add(path, 'an empty list')
    for (const [i, item] of list.entries()) this.url(`${path}[${i}]`, item)
  }
  typed(path: string, value: unknown, types: string[]): Json | null {
    if (!isObject(value)) {
      this.add(path, `expected ${types.join(' or ')}`)
      return null
    }
    if (typeof value['@type'] !== 'string' || !types.includes(value['@type'])) {
      this.add(`${path}.@type`, `expected ${types.join(' or ')}, got ${JSON.stringify(value['@type'])}`)
      return null
    }
    this.known(path, value, value['@type'])
    return value
  }
}

function organizationOrPerson(p: Problems, path: string, value: unknown) {
  const node = p.typed(path, value, ['Organization', 'Person'])
  if (!node) return
  p.text(`${path}.name`, node.name, true)
  p.url(`${path}.@id`, node['@id'])
  p.url(`${path}.url`, node.url)
  p.url(`${path}.logo`, node.logo)
  p.url(`${path}.image`, node.image)
  p.urls(`${path}.sameAs`, node.sameAs)
  p.text(`${path}.jobTitle`, node.jobTitle)
  if (node.affiliation !== undefined) {
    const affiliation = p.typed(`${path}.affiliation`, node.affiliation, ['Organization'])
    if (affiliation) p.text(`${path}.affiliation.name`, affiliation.name, true)
  }
}

/** A page: schema.org accepts a URL or a CreativeWork; a CreativeWork must lead somewhere. */
function creativeWork(p: Problems, path: string, value: unknown) {
  if (typeof value === 'string') return p.url(path, value)
  const node = p.typed(path, value, ['CreativeWork'])
  if (!node) return
  if (node.url === undefined && node.archivedAt === undefined)
    p.add(path, 'neither a url nor an archived copy')
  p.url(`${path}.url`, node.url)
  p.url(`${path}.archivedAt`, node.archivedAt)
  p.text(`${path}.name`, node.name)
  p.date(`${path}.datePublished`, node.datePublished)
  if (node.publisher !== undefined) organizationOrPerson(p, `${path}.publisher`, node.publisher)
}

function many(p: Problems, path: string, value: unknown, each: (path: string, item: unknown) => void) {
  if (value === undefined) return
  if (Array.isArray(value)) {
    if (value.length === 0) p.add(path, 'an empty list')
    for (const [i, item] of value.entries()) each(`${path}[${i}]`, item)
  } else each(path, value)
}

function rating(p: Problems, path: string, value: unknown) {
  const node = p.typed(path, value, ['Rating'])
  if (!node) return
  p.text(`${path}.alternateName`, node.alternateName, true)
  p.text(`${path}.name`, node.name)
  p.text(`${path}.description`, node.description)
  p.text(`${path}.ratingExplanation`, node.ratingExplanation)
  const numbers = ['ratingValue', 'bestRating', 'worstRating'] as const
  for (const key of numbers) {
    if (node[key] !== undefined && typeof node[key] !== 'number') p.add(`${path}.${key}`, 'expected Number')
  }
  if (node.ratingValue !== undefined) {
    // Google: a numeric rating only with the scale it sits on.
    if (typeof node.bestRating !== 'number' || typeof node.worstRating !== 'number') {
      p.add(path, 'a ratingValue without bestRating and worstRating')
    } else if (
      typeof node.ratingValue === 'number' &&
      (node.ratingValue < node.worstRating || node.ratingValue > node.bestRating)
    ) {
      p.add(`${path}.ratingValue`, 'outside worstRating–bestRating')
    }
  }
}

function claim(p: Problems, path: string, value: unknown) {
  const node = p.typed(path, value, ['Claim'])
  if (!node) return
  if (node.author !== undefined) organizationOrPerson(p, `${path}.author`, node.author)
  p.date(`${path}.datePublished`, node.datePublished)
  if (
    node.inLanguage !== undefined &&
    !(typeof node.inLanguage === 'string' && LANGUAGE_TAG.test(node.inLanguage))
  ) {
    p.add(`${path}.inLanguage`, `expected a BCP 47 language tag, got ${JSON.stringify(node.inLanguage)}`)
  }
  many(p, `${path}.appearance`, node.appearance, (at, item) => creativeWork(p, at, item))
  if (node.firstAppearance !== undefined) creativeWork(p, `${path}.firstAppearance`, node.firstAppearance)
}

/** Every way `value` falls short of a ClaimReview as schema.org defines it and Google reads it; none when valid. */
export function claimReviewProblems(value: unknown): string[] {
  const p = new Problems()
  if (!isObject(value)) return ['ClaimReview: expected a JSON object']
  if (value['@context'] !== 'https://schema.org') p.add('@context', 'expected "https://schema.org"')
  const review = p.typed('ClaimReview', value, ['ClaimReview'])
  if (!review) return p.list
  p.text('claimReviewed', review.claimReviewed, true)
  if (typeof review.claimReviewed === 'string' && review.claimReviewed.length > CLAIM_REVIEWED_MAX) {
    p.add('claimReviewed', `longer than ${CLAIM_REVIEWED_MAX} characters`)
  }
  if (review.reviewRating === undefined) p.add('reviewRating', 'required, missing')
  else rating(p, 'reviewRating', review.reviewRating)
  p.url('url', review.url, true)
  p.url('@id', review['@id'])
  p.url('sdLicense', review.sdLicense)
  p.date('datePublished', review.datePublished)
  p.date('dateModified', review.dateModified)
  if (review.author === undefined) p.add('author', 'recommended, missing')
  else organizationOrPerson(p, 'author', review.author)
  if (review.itemReviewed === undefined) p.add('itemReviewed', 'recommended, missing')
  else claim(p, 'itemReviewed', review.itemReviewed)
  many(p, 'citation', review.citation, (at, item) => creativeWork(p, at, item))
  many(p, 'correction', review.correction, (at, item) => {
    if (typeof item === 'string') return p.text(at, item)
    const node = p.typed(at, item, ['CorrectionComment'])
    if (!node) return
    p.text(`${at}.text`, node.text, true)
    p.date(`${at}.datePublished`, node.datePublished)
  })
  return p.list
}
