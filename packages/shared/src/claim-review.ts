import { z } from 'zod'
import { LIMITS } from './limits.ts'

// The schema.org shapes the public routes answer with: ClaimReview (what search engines and
// fact-check aggregators read) and the DataFeed that lists them.

export const SchemaOrgContext = 'https://schema.org'

const url = z.string().meta({ format: 'uri' })

export const PublisherSchema = z
  .object({
    '@type': z.literal('Organization'),
    name: z.string(),
    url,
    '@id': url.optional().meta({ description: 'The organisation’s identifier: its URL with #organization' }),
    logo: url.optional(),
    sameAs: z
      .array(url)
      .optional()
      .meta({ description: 'Other pages about the organisation (COUNTERCLAIM_ORG_SAME_AS)' }),
  })
  .meta({ id: 'ClaimReviewPublisher', description: 'The organisation that publishes the fact check' })

export const CreativeWorkRefSchema = z
  .object({
    '@type': z.literal('CreativeWork'),
    url,
    name: z.string().optional(),
    publisher: z.object({ '@type': z.literal('Organization'), name: z.string() }).optional(),
    datePublished: z.string().optional(),
  })
  .meta({ id: 'CreativeWorkRef', description: 'A page: where the claim appeared, or a cited source' })

/** Date only (YYYY-MM-DD) where only the day is known, else a full timestamp: ISO 8601 either way. */
const dateOrTime = z.string().meta({ description: 'ISO 8601: YYYY-MM-DD when only the day is known' })

export const ClaimAppearanceSchema = z
  .object({
    '@type': z.literal('CreativeWork'),
    url: url.optional(),
    datePublished: dateOrTime.optional().meta({ description: 'The day the claim appeared there' }),
    archivedAt: url.optional().meta({ description: 'An archived copy of the page' }),
  })
  .meta({
    id: 'ClaimAppearance',
    description: 'Where the claim appeared, with its archived copy when the desk kept one',
  })

export const ClaimReviewRatingSchema = z
  .object({
    '@type': z.literal('Rating'),
    alternateName: z
      .string()
      .meta({ description: 'The rating in words: what readers and search engines show' }),
    description: z.string().optional().meta({ description: 'What the rating means on this scale' }),
    ratingExplanation: z.string().optional().meta({ description: "The verdict's one-line summary" }),
    ratingValue: z.number().int().min(1).max(5).optional(),
    bestRating: z.literal(5).optional(),
    worstRating: z.literal(1).optional(),
  })
  .meta({ id: 'ClaimReviewRating' })

export const ClaimReviewSchema = z
  .object({
    '@context': z.literal(SchemaOrgContext),
    '@type': z.literal('ClaimReview'),
    url: url.meta({ description: 'The public page of the verdict, /v/{claimId}' }),
    claimReviewed: z.string().max(LIMITS.claimReviewed).meta({
      description: 'The short form the checker wrote, else the claim’s text cut at a word',
    }),
    reviewRating: ClaimReviewRatingSchema,
    datePublished: z.string(),
    dateModified: z.string().optional().meta({ description: 'Present once the verdict was corrected' }),
    sdLicense: url.optional().meta({ description: 'The licence of this data (COUNTERCLAIM_SD_LICENSE)' }),
    author: PublisherSchema,
    itemReviewed: z.object({
      '@type': z.literal('Claim'),
      author: z
        .object({
          '@type': z.enum(['Person', 'Organization']),
          name: z.string(),
          jobTitle: z
            .string()
            .optional()
            .meta({ description: 'A person’s position, when the desk recorded it' }),
          affiliation: z
            .object({ '@type': z.literal('Organization'), name: z.string() })
            .optional()
            .meta({ description: 'The organisation a person speaks for, when the desk recorded it' }),
          image: url.optional(),
          sameAs: z.array(url).optional(),
        })
        .optional()
        .meta({ description: 'Who made the claim; left out for an unattributed claim (no known speaker)' }),
      datePublished: dateOrTime.optional().meta({ description: 'The day the claim was stated' }),
      inLanguage: z.string().optional().meta({ description: 'The language of the claim (BCP 47)' }),
      appearance: ClaimAppearanceSchema.optional(),
      firstAppearance: ClaimAppearanceSchema.optional().meta({
        description: 'Only when the earliest of several appearances is known',
      }),
    }),
    citation: z.array(CreativeWorkRefSchema).optional(),
    correction: z
      .array(
        z.object({
          '@type': z.literal('CorrectionComment'),
          text: z.string(),
          datePublished: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'ClaimReview', description: 'A published verdict as schema.org ClaimReview JSON-LD' })
export type ClaimReview = z.infer<typeof ClaimReviewSchema>

export const ClaimReviewFeedSchema = z
  .object({
    '@context': z.literal(SchemaOrgContext),
    '@type': z.literal('DataFeed'),
    name: z.string(),
    url,
    dataFeedElement: z.array(
      z.object({
        '@type': z.literal('DataFeedItem'),
        dateCreated: z.string(),
        dateModified: z.string().optional(),
        item: ClaimReviewSchema,
      }),
    ),
  })
  .meta({
    id: 'ClaimReviewFeed',
    description: 'Published verdicts, newest first; the next page is in the Link rel="next" header',
  })
export type ClaimReviewFeed = z.infer<typeof ClaimReviewFeedSchema>
