import type { tables } from '@counterclaim/db'
import { legacyQuantity, quantityFromInput } from '@counterclaim/domain'
import type {
  Claim,
  Claimant,
  Dispute,
  Evidence,
  FactCheck,
  FactCheckFeed,
  Stance,
  User,
  WorkbenchEvidence,
} from '@counterclaim/shared'

type Row<T extends { $inferSelect: unknown }> = T['$inferSelect']

/** Database rows to the contract's records; drizzle types stop here. */
export function toUser(row: Row<typeof tables.users>): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  }
}

export function toClaimant(row: Row<typeof tables.claimants>): Claimant {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    description: row.description,
    url: row.url,
    sameAs: row.sameAs,
    aliases: row.aliases,
    jobTitle: row.jobTitle,
    affiliation: row.affiliation,
    imageUrl: row.imageUrl,
    archived: row.archivedAt !== null,
    mergedIntoId: row.mergedIntoId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  }
}

/** A dispute row and the ids of its assignees (in the order assigned) to the contract's record. */
export function toDispute(row: Row<typeof tables.disputes>, assigneeIds: string[]): Dispute {
  return {
    id: row.id,
    title: row.title,
    question: row.question,
    summary: row.summary,
    tags: row.tags,
    status: row.status,
    assigneeIds,
    dueOn: row.dueOn,
    independentRatings: row.independentRatings,
    archived: row.archivedAt !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  }
}

export function toClaim(row: Row<typeof tables.claims>): Claim {
  return {
    id: row.id,
    disputeId: row.disputeId,
    claimantId: row.claimantId,
    text: row.text,
    shortText: row.shortText,
    statedOn: row.statedOn,
    appearanceUrl: row.appearanceUrl,
    archiveUrl: row.archiveUrl,
    language: row.language,
    quantities: row.quantities.map(quantityFromInput),
    quantity: legacyQuantity(row.quantities),
    position: row.position,
    archived: row.archivedAt !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  }
}

export function toEvidence(row: Row<typeof tables.evidence>): Evidence {
  return {
    id: row.id,
    disputeId: row.disputeId,
    title: row.title,
    kind: row.kind,
    sourceName: row.sourceName,
    url: row.url,
    archiveUrl: row.archiveUrl,
    excerpt: row.excerpt,
    excerptSha256: row.excerptSha256,
    publishedOn: row.publishedOn,
    accessedOn: row.accessedOn,
    sourceReliability: row.sourceReliability,
    informationCredibility: row.informationCredibility,
    factCheck:
      row.kind === 'fact_check'
        ? { id: row.factCheckId, ratingLabel: row.factCheckRatingLabel, rating: row.factCheckRating }
        : null,
    origin: row.origin,
    archived: row.archivedAt !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  }
}

/** An evidence item as the workbench lists it (WorkbenchEvidenceSchema): the record less what the list shares. */
export function toWorkbenchEvidence(row: Row<typeof tables.evidence>): WorkbenchEvidence {
  const {
    disputeId: _dispute,
    excerptSha256: _sha,
    archived: _archived,
    createdAt: _c,
    updatedAt: _u,
    ...item
  } = toEvidence(row)
  return item
}

export function toStance(row: Row<typeof tables.stances>): Stance {
  return {
    id: row.id,
    evidenceId: row.evidenceId,
    claimId: row.claimId,
    stance: row.stance,
    note: row.note,
    updatedAt: row.updatedAt,
    version: row.version,
  }
}

export function toFactCheck(row: Row<typeof tables.factChecks>): FactCheck {
  return {
    id: row.id,
    url: row.url,
    publisher: { name: row.publisherName, url: row.publisherUrl },
    claimReviewed: row.claimReviewed,
    claimant: row.claimant,
    claimDate: row.claimDate,
    reviewDate: row.reviewDate,
    language: row.language,
    appearanceUrls: row.appearanceUrls,
    rating: {
      label: row.ratingLabel,
      value: row.ratingValue,
      best: row.ratingBest,
      worst: row.ratingWorst,
      normalized: row.ratingNormalized,
    },
    feedId: row.feedId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  }
}

export function toFactCheckFeed(row: Row<typeof tables.factCheckFeeds>): FactCheckFeed {
  return {
    id: row.id,
    url: row.url,
    intervalMinutes: row.intervalMinutes,
    lastFetchedAt: row.lastFetchedAt,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    itemCount: row.itemCount,
    nextFetchAt: row.nextFetchAt,
    archived: row.archivedAt !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  }
}
