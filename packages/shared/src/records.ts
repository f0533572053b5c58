import { z } from 'zod'
import { ClaimRelationSchema } from './claim-relations.ts'
import { ConclusionSchema } from './conclusions.ts'
import {
  ClaimantKindSchema,
  ClaimRelationKindSchema,
  DisputeStatusSchema,
  EvidenceKindSchema,
  InformationCredibilitySchema,
  QuantityQualifierSchema,
  ReplyChannelSchema,
  RoleSchema,
  SourceReliabilitySchema,
  type StanceValue,
  StanceValueSchema,
  VerdictStatusSchema,
} from './enums.ts'
import { TimestampSchema } from './fields.ts'
import { RatingSchema } from './rating-scale.ts'

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    disabled: z.boolean(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    version: z.number().int(),
  })
  .meta({ id: 'User' })
export type User = z.infer<typeof UserSchema>

export const SessionUserSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string(), role: RoleSchema })
  .meta({ id: 'SessionUser' })
export type SessionUser = z.infer<typeof SessionUserSchema>

/** How this desk runs its workflow, so clients offer only the actions the server will take. */
export const DeskSettingsSchema = z
  .object({
    /** COUNTERCLAIM_TWO_PERSON_RULE: no one publishes a verdict they wrote or edited; a rating change needs a second editor. */
    twoPersonRule: z.boolean(),
    /** COUNTERCLAIM_INDEPENDENT_RATINGS: new disputes start with independent ratings on. */
    independentRatings: z.boolean(),
    /** COUNTERCLAIM_TWO_SOURCE_RULE: a verdict citing fewer than two independent origins is not published. */
    twoSourceRule: z.boolean(),
  })
  .meta({ id: 'DeskSettings' })
export type DeskSettings = z.infer<typeof DeskSettingsSchema>

export const MeSchema = z.object({ user: SessionUserSchema, desk: DeskSettingsSchema }).meta({ id: 'Me' })
export type Me = z.infer<typeof MeSchema>

export const ClaimantSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: ClaimantKindSchema,
    description: z.string(),
    url: z.string().nullable(),
    sameAs: z.array(z.string()),
    /** Other names of the same claimant: a merged claimant's name joins them. */
    aliases: z.array(z.string()),
    jobTitle: z.string().nullable(),
    affiliation: z.string().nullable(),
    imageUrl: z.string().nullable(),
    /** Set when this claimant was merged into another: it leaves the pickers, its claims moved. */
    archived: z.boolean(),
    mergedIntoId: z.string().nullable(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    version: z.number().int(),
  })
  .meta({ id: 'Claimant' })
export type Claimant = z.infer<typeof ClaimantSchema>

/**
 * A number a claim states, knowing what it counts: the measure ("drones launched"), a value or a range
 * (value to valueMax), how exactly it was put (qualifier), the unit, the period it covers and the place.
 */
export const QuantitySchema = z
  .object({
    measure: z.string(),
    value: z.number(),
    /** The top of a range ("300 to 350"); null for a single value. */
    valueMax: z.number().nullable(),
    qualifier: QuantityQualifierSchema,
    unit: z.string(),
    /** The period the number covers, YYYY-MM-DD to YYYY-MM-DD (a night: the two dates it spans). */
    periodFrom: z.string().nullable(),
    periodTo: z.string().nullable(),
    place: z.string().nullable(),
  })
  .meta({ id: 'Quantity' })
export type Quantity = z.infer<typeof QuantitySchema>

/** The first quantity in the first contract's shape, kept in answers for the clients written against it. */
export const LegacyQuantitySchema = z
  .object({ value: z.number(), unit: z.string(), qualifier: QuantityQualifierSchema })
  .meta({ id: 'LegacyQuantity' })
export type LegacyQuantity = z.infer<typeof LegacyQuantitySchema>

export const DisputeSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    question: z.string(),
    summary: z.string(),
    tags: z.array(z.string()),
    status: DisputeStatusSchema,
    /** The people assigned to it, in the order they were assigned. */
    assigneeIds: z.array(z.string()),
    /** When the assigned people should be done (YYYY-MM-DD), or null. */
    dueOn: z.string().nullable(),
    /** Two checkers rate each claim without seeing each other's rating until both are in. */
    independentRatings: z.boolean(),
    archived: z.boolean(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    version: z.number().int(),
  })
  .meta({ id: 'Dispute' })
export type Dispute = z.infer<typeof DisputeSchema>

export const ClaimSchema = z
  .object({
    id: z.string(),
    disputeId: z.string(),
    /** Null for an unattributed claim: one that circulates without a known speaker. */
    claimantId: z.string().nullable(),
    text: z.string(),
    shortText: z.string().nullable(),
    statedOn: z.string().nullable(),
    appearanceUrl: z.string().nullable(),
    archiveUrl: z.string().nullable(),
    language: z.string().nullable(),
    quantities: z.array(QuantitySchema),
    /** The first of `quantities` as {value, unit, qualifier}: the first contract's field, read-only. */
    quantity: LegacyQuantitySchema.nullable(),
    position: z.number().int(),
    archived: z.boolean(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    version: z.number().int(),
  })
  .meta({ id: 'Claim' })
export type Claim = z.infer<typeof ClaimSchema>

export const EvidenceSchema = z
  .object({
    id: z.string(),
    disputeId: z.string(),
    title: z.string(),
    kind: EvidenceKindSchema,
    sourceName: z.string(),
    url: z.string().nullable(),
    archiveUrl: z.string().nullable(),
    excerpt: z.string(),
    excerptSha256: z.string(),
    publishedOn: z.string().nullable(),
    accessedOn: z.string().nullable(),
    sourceReliability: SourceReliabilitySchema.nullable(),
    informationCredibility: InformationCredibilitySchema.nullable(),
    /** Evidence of kind fact_check: the external fact-check and its rating as it stood when attached. */
    factCheck: z
      .object({
        id: z.string().nullable(),
        ratingLabel: z.string().nullable(),
        rating: RatingSchema.nullable(),
      })
      .nullable(),
    /**
     * Where the evidence comes from when it repeats another source ("Reuters wire, 10 June"): items with
     * the same origin in a dispute count as one independent source. Null: it is its own origin.
     */
    origin: z.string().nullable(),
    archived: z.boolean(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    version: z.number().int(),
  })
  .meta({ id: 'Evidence' })
export type Evidence = z.infer<typeof EvidenceSchema>

export const StanceSchema = z
  .object({
    id: z.string(),
    evidenceId: z.string(),
    claimId: z.string(),
    stance: StanceValueSchema.nullable(),
    note: z.string(),
    updatedAt: TimestampSchema,
    version: z.number().int(),
  })
  .meta({ id: 'Stance' })
export type Stance = z.infer<typeof StanceSchema>

export const ActorSchema = z.object({ id: z.string(), name: z.string() }).meta({ id: 'Actor' })
export type Actor = z.infer<typeof ActorSchema>

/** The verdict's own fields as a correction found and left them. */
export const CorrectedFieldsSchema = z
  .object({
    rating: z.string().nullable(),
    summary: z.string(),
    rationale: z.string(),
    citedEvidenceIds: z.array(z.string()).optional(),
  })
  .meta({ id: 'CorrectedFields' })
export type CorrectedFields = z.infer<typeof CorrectedFieldsSchema>

export const CorrectionSchema = z
  .object({
    id: z.string(),
    at: TimestampSchema,
    note: z.string(),
    actor: ActorSchema,
    /** The second editor who applied a rating change proposed under the two-person rule. */
    approver: ActorSchema.nullable().optional(),
    before: CorrectedFieldsSchema,
    after: CorrectedFieldsSchema,
    /** What else the correction brought to the public: "claim text", "1 source", … */
    published: z.array(z.string()).optional(),
  })
  .meta({ id: 'Correction' })
export type Correction = z.infer<typeof CorrectionSchema>

export const PendingCorrectionSchema = z
  .object({
    id: z.string(),
    verdictId: z.string(),
    claimId: z.string(),
    status: z.literal('pending'),
    proposedAt: TimestampSchema,
    proposedBy: ActorSchema,
    note: z.string(),
    before: CorrectedFieldsSchema,
    after: CorrectedFieldsSchema,
  })
  .meta({ id: 'PendingCorrection' })
export type PendingCorrection = z.infer<typeof PendingCorrectionSchema>

/** A pending correction in the review queue, with where it belongs. */
export const PendingCorrectionItemSchema = PendingCorrectionSchema.extend({
  disputeId: z.string(),
  disputeTitle: z.string(),
  claimText: z.string(),
  claimShortText: z.string().nullable(),
  /** The verdict's version, for the If-Match of approve and reject. */
  verdictVersion: z.number().int(),
}).meta({ id: 'PendingCorrectionItem' })
export type PendingCorrectionItem = z.infer<typeof PendingCorrectionItemSchema>

/**
 * Everything the public sees of a verdict, frozen when it was published or last corrected: the
 * public page, its ClaimReview and the feed read this, never the live records.
 */
/** One attempt to reach the claimant, as the public sees it. */
export const PublishedReplySchema = z
  .object({
    askedOn: z.string(),
    channel: ReplyChannelSchema,
    /** Whom the desk asked: "the ministry's press office". */
    contact: z.string(),
    question: z.string(),
    /** The deadline the desk gave, if any (YYYY-MM-DD). */
    replyBy: z.string().nullable(),
    answer: z.string().nullable(),
    answeredOn: z.string().nullable(),
  })
  .meta({ id: 'PublishedReply' })
export type PublishedReply = z.infer<typeof PublishedReplySchema>

export const PublishedRecordSchema = z
  .object({
    claim: ClaimSchema.pick({
      id: true,
      text: true,
      shortText: true,
      statedOn: true,
      appearanceUrl: true,
      archiveUrl: true,
      language: true,
    }),
    // Null for an unattributed claim.
    claimant: ClaimantSchema.pick({
      id: true,
      name: true,
      kind: true,
      description: true,
      url: true,
      sameAs: true,
    })
      .extend({
        // Snapshots taken before claimants had these have none: they read as not set.
        jobTitle: z.string().nullable().default(null),
        affiliation: z.string().nullable().default(null),
        imageUrl: z.string().nullable().default(null),
      })
      .nullable(),
    verdict: z.object({ rating: RatingSchema.nullable(), summary: z.string(), rationale: z.string() }),
    citedEvidence: z.array(
      EvidenceSchema.pick({
        id: true,
        title: true,
        kind: true,
        sourceName: true,
        url: true,
        archiveUrl: true,
        publishedOn: true,
      }).extend({
        // Snapshots taken before stances and origins were published have neither: they read as not set.
        /** The evidence's stance on this claim when it was published. */
        stance: StanceValueSchema.nullable().default(null),
        /** Where the evidence comes from, when it copies another source (a wire story, a press release). */
        origin: z.string().nullable().default(null),
      }),
    ),
    /** The claim's quantities when it was published. */
    quantities: z.array(QuantitySchema).default([]),
    /** The right-of-reply log when it was published: whom the desk asked, when, and what they answered. */
    replies: z.array(PublishedReplySchema).default([]),
  })
  .meta({ id: 'PublishedRecord' })
export type PublishedRecord = z.infer<typeof PublishedRecordSchema>

/** One difference between the live records and what is published. */
export const PublicationChangeSchema = z
  .object({
    /** Which part: claim, claimant, verdict, or source (a cited evidence item). */
    part: z.enum(['claim', 'claimant', 'verdict', 'source']),
    /** A person's words for the field: "Claim text", "Source URL of “Photos of the hospital”". */
    label: z.string(),
    published: z.string().nullable(),
    current: z.string().nullable(),
  })
  .meta({ id: 'PublicationChange' })
export type PublicationChange = z.infer<typeof PublicationChangeSchema>

export const VerdictSchema = z
  .object({
    id: z.string(),
    claimId: z.string(),
    rating: RatingSchema.nullable(),
    ratingLabel: z.string().nullable(),
    summary: z.string(),
    rationale: z.string(),
    citedEvidenceIds: z.array(z.string()),
    status: VerdictStatusSchema,
    author: ActorSchema.nullable(),
    reviewer: ActorSchema.nullable(),
    returnNote: z.string().nullable(),
    submittedAt: TimestampSchema.nullable(),
    publishedAt: TimestampSchema.nullable(),
    modifiedAt: TimestampSchema.nullable(),
    withdrawnAt: TimestampSchema.nullable(),
    withdrawalNote: z.string().nullable(),
    /** When an admin's import of past work brought this published verdict in; publishedAt keeps its own date. */
    importedAt: TimestampSchema.nullable(),
    corrections: z.array(CorrectionSchema),
    pendingCorrection: PendingCorrectionSchema.nullable(),
    /** Everyone who wrote or edited the draft: under the two-person rule none of them may publish it. */
    contributors: z.array(ActorSchema),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    version: z.number().int(),
  })
  .meta({ id: 'Verdict' })
export type Verdict = z.infer<typeof VerdictSchema>

export const WorkbenchClaimSchema = ClaimSchema.extend({
  /** Null for an unattributed claim. */
  claimant: ClaimantSchema.nullable(),
  verdict: VerdictSchema.nullable(),
  /** For a published verdict: how the live records differ from what the public sees (empty when they agree). */
  publicationChanges: z.array(PublicationChangeSchema).nullable(),
}).meta({ id: 'WorkbenchClaim' })
export type WorkbenchClaim = z.infer<typeof WorkbenchClaimSchema>

/**
 * An evidence item as the workbench lists it: the record without what every item of the list shares
 * (disputeId: the dispute's; archived: false) or what the workbench never shows (excerptSha256,
 * createdAt, updatedAt); GET and PATCH /api/evidence answer the whole record.
 */
export const WorkbenchEvidenceSchema = EvidenceSchema.omit({
  disputeId: true,
  excerptSha256: true,
  archived: true,
  createdAt: true,
  updatedAt: true,
}).meta({ id: 'WorkbenchEvidence' })
export type WorkbenchEvidence = z.infer<typeof WorkbenchEvidenceSchema>

/** A stance in the matrix: `s` supports, `c` contradicts, `x` context, `.` none. */
export const STANCE_CODES = { supports: 's', contradicts: 'c', context: 'x' } as const satisfies Record<
  StanceValue,
  string
>
export const NO_STANCE_CODE = '.'

/**
 * The evidence matrix, one row per evidence item in the order of `evidence`, one column per claim in the
 * order of `claims`: positions say which item and which claim, so no id is repeated (decision 0019).
 */
export const StanceMatrixSchema = z
  .object({
    /** One string per evidence item, one letter per claim: `s` supports, `c` contradicts, `x` context, `.` none. */
    stances: z.array(z.string().regex(/^[scx.]*$/)),
    /** One list per evidence item, one number per claim: the cell's version for If-Match; 0 where no one has set the cell. */
    versions: z.array(z.array(z.number().int())),
    /** Only the cells with a note: row (evidence position), column (claim position), the note. */
    notes: z.array(
      z
        .object({ row: z.number().int(), column: z.number().int(), note: z.string() })
        .meta({ id: 'StanceNote' }),
    ),
  })
  .meta({ id: 'StanceMatrix' })
export type StanceMatrix = z.infer<typeof StanceMatrixSchema>

export const WorkbenchSchema = DisputeSchema.extend({
  claims: z.array(WorkbenchClaimSchema),
  /** Live evidence items, oldest first: the matrix's rows. */
  evidence: z.array(WorkbenchEvidenceSchema),
  matrix: StanceMatrixSchema,
  /** The dispute's conclusion, in whatever state it is; null until someone writes one. */
  conclusion: ConclusionSchema.nullable(),
  /** How pairs of its live claims relate; a cleared relation stays with kind null (its version counts on). */
  relations: z.array(ClaimRelationSchema),
}).meta({ id: 'Workbench' })
export type Workbench = z.infer<typeof WorkbenchSchema>

export const DisputeListItemSchema = DisputeSchema.extend({
  claims: z.array(
    z.object({
      id: z.string(),
      shortText: z.string().nullable(),
      /** Null for an unattributed claim. */
      claimant: z.object({ id: z.string(), name: z.string(), kind: ClaimantKindSchema }).nullable(),
      rating: RatingSchema.nullable(),
      verdictStatus: VerdictStatusSchema.nullable(),
      /** A draft an editor returned: their note, until the draft is submitted again. */
      returnNote: z.string().nullable(),
    }),
  ),
}).meta({ id: 'DisputeListItem' })
export type DisputeListItem = z.infer<typeof DisputeListItemSchema>

export const TrackRecordClaimSchema = ClaimSchema.extend({
  disputeTitle: z.string(),
  verdict: VerdictSchema.nullable(),
}).meta({ id: 'TrackRecordClaim' })

export const ClaimantDetailSchema = ClaimantSchema.extend({
  claims: z.array(TrackRecordClaimSchema),
}).meta({ id: 'ClaimantDetail' })
export type ClaimantDetail = z.infer<typeof ClaimantDetailSchema>

export const HistoryEventSchema = z
  .object({
    id: z.string(),
    at: TimestampSchema,
    actor: ActorSchema.nullable(),
    entity: z.string(),
    entityId: z.string(),
    action: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'HistoryEvent' })
export type HistoryEvent = z.infer<typeof HistoryEventSchema>

/** A page of a list: `{items, nextCursor}`. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() })
export type Page<T> = { items: T[]; nextCursor: string | null }

/**
 * What the public sees of a dispute's conclusion, frozen when it was published or last corrected: the
 * dispute's title and question, the finding and its rationale, and how the claims stand to each other.
 */
export const PublishedConclusionSchema = z
  .object({
    title: z.string(),
    question: z.string(),
    finding: z.string(),
    rationale: z.string(),
    relations: z.array(
      z.object({
        claimId: z.string(),
        otherClaimId: z.string(),
        kind: ClaimRelationKindSchema,
        note: z.string(),
      }),
    ),
  })
  .meta({ id: 'PublishedConclusion' })
export type PublishedConclusion = z.infer<typeof PublishedConclusionSchema>
