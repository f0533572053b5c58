// The published record's set-based backfill (docs/decisions/0005-published-record.md): one statement
// that freezes every published or withdrawn verdict without a snapshot, so a desk upgrading with many
// published verdicts (or the million-claim bench) is not held up one verdict at a time.
import type { Db } from './client.ts'
import { withClient } from './sqlite.ts'

// The same shape as PublishedRecordSchema in packages/shared, built by SQLite's JSON functions; the
// services' liveRecord() builds the same object for one verdict. Archived evidence is left out there too.
const CONTENT = `json_object(
  'claim', json_object('id', c.id, 'text', c.text, 'shortText', c.short_text, 'statedOn', c.stated_on,
    'appearanceUrl', c.appearance_url, 'archiveUrl', c.archive_url, 'language', c.language),
  'claimant', json_object('id', p.id, 'name', p.name, 'kind', p.kind, 'description', p.description,
    'url', p.url, 'sameAs', json(p.same_as)),
  'verdict', json_object('rating', v.rating, 'summary', v.summary, 'rationale', v.rationale),
  'citedEvidence', (
    SELECT json_group_array(json_object('id', e.id, 'title', e.title, 'kind', e.kind,
      'sourceName', e.source_name, 'url', e.url, 'archiveUrl', e.archive_url, 'publishedOn', e.published_on)
      ORDER BY vc.position)
    FROM verdict_citations vc JOIN evidence e ON e.id = vc.evidence_id
    WHERE vc.verdict_id = v.id AND e.archived_at IS NULL))`

// A random version-4 UUID, like every other id.
const UUID = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
  substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`

const INSERT = `INSERT INTO verdict_snapshots (id, verdict_id, taken_at, reason, content)
SELECT ${UUID}, v.id, @at, 'published', ${CONTENT}
FROM verdicts v
JOIN claims c ON c.id = v.claim_id
JOIN claimants p ON p.id = c.claimant_id
WHERE v.status IN ('published', 'withdrawn') AND v.snapshot_id IS NULL`

const POINT = `UPDATE verdicts SET snapshot_id = (
  SELECT s.id FROM verdict_snapshots s WHERE s.verdict_id = verdicts.id ORDER BY s.taken_at DESC LIMIT 1)
WHERE status IN ('published', 'withdrawn') AND snapshot_id IS NULL`

/**
 * Gives every published or withdrawn verdict without a snapshot (one published before snapshots
 * existed, or written by a bulk load) a snapshot of its records as they stand; returns how many.
 */
export function insertMissingSnapshots(db: Db, at: string): Promise<number> {
  return withClient(db, (sqlite) =>
    sqlite.transaction(() => {
      const { changes } = sqlite.prepare(INSERT).run({ at })
      if (changes) sqlite.prepare(POINT).run()
      return changes
    })(),
  )
}
