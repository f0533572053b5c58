import { z } from 'zod'
import { ROLES } from './roles.ts'

export const RoleSchema = z.enum(ROLES)

export const ClaimantKindSchema = z.enum(['person', 'government', 'military', 'media', 'ngo', 'other'])
export type ClaimantKind = z.infer<typeof ClaimantKindSchema>

export const DisputeStatusSchema = z.enum(['open', 'closed'])
export type DisputeStatus = z.infer<typeof DisputeStatusSchema>

export const QuantityQualifierSchema = z.enum(['exact', 'at_least', 'at_most', 'approx'])
export type QuantityQualifier = z.infer<typeof QuantityQualifierSchema>

export const EvidenceKindSchema = z.enum([
  'official_statement',
  'news_report',
  'eyewitness',
  'photo',
  'video',
  'satellite',
  'document',
  'dataset',
  'expert',
  // Another desk's published fact-check (an external fact-check): publisher, URL and rating.
  'fact_check',
  'other',
])
export type EvidenceKind = z.infer<typeof EvidenceKindSchema>

export const SourceReliabilitySchema = z.enum(['A', 'B', 'C', 'D', 'E', 'F'])
/** The Admiralty code's information credibility, 1 (confirmed) to 6 (cannot be judged). */
export const INFORMATION_CREDIBILITY = [1, 2, 3, 4, 5, 6] as const
export const InformationCredibilitySchema = z
  .number()
  .int()
  .min(INFORMATION_CREDIBILITY[0])
  .max(INFORMATION_CREDIBILITY[5])

export const StanceValueSchema = z.enum(['supports', 'contradicts', 'context'])
export type StanceValue = z.infer<typeof StanceValueSchema>

export const VerdictStatusSchema = z.enum(['draft', 'in_review', 'published', 'withdrawn'])
export type VerdictStatus = z.infer<typeof VerdictStatusSchema>

/** How a claim is linked to a match: the same claim elsewhere on the desk, or checked by another desk. */
export const ClaimLinkKindSchema = z.enum(['same_claim', 'checked_by'])
export type ClaimLinkKind = z.infer<typeof ClaimLinkKindSchema>

/** How two claims of a dispute stand to each other; each kind reads the same both ways. */
export const ClaimRelationKindSchema = z.enum(['contradicts', 'compatible', 'different_scope', 'same_claim'])
export type ClaimRelationKind = z.infer<typeof ClaimRelationKindSchema>

/** How the desk tried to reach a claimant for their reply. */
export const ReplyChannelSchema = z.enum([
  'email',
  'phone',
  'message',
  'social_media',
  'in_person',
  'letter',
  'other',
])
export type ReplyChannel = z.infer<typeof ReplyChannelSchema>
