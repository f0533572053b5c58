import { PublishedRecordSchema } from '@counterclaim/shared'
import { describe, expect, it } from 'vitest'
import { publicationChanges, publishedRecordOf } from './published-record.ts'

// Rows as the services read them: more fields than the public sees.
const claim = {
  id: 'c1',
  disputeId: 'd1',
  text: 'The hospital was hit.',
  shortText: null,
  statedOn: '2025-06-01',
  appearanceUrl: 'https://example.org/said',
  archiveUrl: null,
  language: 'en',
  quantities: [],
  position: 3,
  version: 7,
}
const claimant = {
  id: 'p1',
  name: 'Regional governor',
  kind: 'government' as const,
  description: 'Governor of the region',
  url: 'https://example.org/gov',
  sameAs: ['https://example.org/governor'],
  aliases: ['the governor'],
  jobTitle: 'Governor',
  affiliation: null,
  imageUrl: null,
  version: 2,
}
const source = {
  id: 'e1',
  disputeId: 'd1',
  title: 'Hospital photos',
  kind: 'photo' as const,
  sourceName: 'Agency',
  url: 'https://example.org/photos',
  archiveUrl: null,
  publishedOn: '2025-06-02',
  excerpt: 'Photos of the east wing.',
  stance: 'supports' as const,
  origin: null,
}
const parts = {
  claim,
  claimant,
  verdict: { rating: 'false' as const, summary: 'No.', rationale: 'Because.', status: 'published' },
  citedEvidence: [source],
  replies: [],
}

describe('publishedRecordOf', () => {
  it('keeps exactly the published record’s fields, in the record’s order', () => {
    const record = publishedRecordOf(parts)
    // The snapshot is this object's JSON: parsing it back changes neither a key nor their order.
    expect(JSON.stringify(PublishedRecordSchema.parse(record))).toBe(JSON.stringify(record))
    expect(Object.keys(record.claim)).not.toContain('disputeId')
    expect(Object.keys(record.claimant ?? {})).not.toContain('aliases')
    expect(Object.keys(record.citedEvidence[0] ?? {})).not.toContain('excerpt')
    expect(publicationChanges(record, publishedRecordOf(parts))).toEqual([])
  })

  it('gives an unattributed claim no claimant', () => {
    expect(publishedRecordOf({ ...parts, claimant: null }).claimant).toBeNull()
  })
})
