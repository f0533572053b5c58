// The published record's set-based backfill (docs/decisions/0005-published-record.md): one statement
// that freezes every published or withdrawn verdict without a snapshot, so a desk upgrading with many
// published verdicts (or the million-claim bench) is not held up one verdict at a time.
import { sql } from 'drizzle-orm'
import { type Db, isSqlite, transaction } from './client.ts'
import { withClient } from './sqlite.ts'

// Both engines build the same shape as PublishedRecordSchema in packages/shared, with the same keys in the
// same order and the same compact text as JSON.stringify of the object the services' liveRecord() builds
// for one verdict. Archived evidence is left out there too.

// SQLite: its JSON functions.
const SQLITE_CONTENT = `json_object(
  'claim', json_object('id', c.id, 'text', c.text, 'shortText', c.short_text, 'statedOn', c.stated_on,
    'appearanceUrl', c.appearance_url, 'archiveUrl', c.archive_url, 'language', c.language),
  'claimant', json_object('id', p.id, 'name', p.name, 'kind', p.kind, 'description', p.description,
    'url', p.url, 'sameAs', json(p.same_as), 'jobTitle', p.job_title, 'affiliation', p.affiliation,
    'imageUrl', p.image_url),
  'verdict', json_object('rating', v.rating, 'summary', v.summary, 'rationale', v.rationale),
  'citedEvidence', (
    SELECT json_group_array(json_object('id', e.id, 'title', e.title, 'kind', e.kind,
      'sourceName', e.source_name, 'url', e.url, 'archiveUrl', e.archive_url, 'publishedOn', e.published_on,
      'stance', (SELECT s.stance FROM stances s WHERE s.evidence_id = e.id AND s.claim_id = c.id), 'origin', e.origin)
      ORDER BY vc.position)
    FROM verdict_citations vc JOIN evidence e ON e.id = vc.evidence_id
    WHERE vc.verdict_id = v.id AND e.archived_at IS NULL),
  'quantities', json(c.quantities),
  'replies', (
    SELECT json_group_array(json_object('askedOn', ra.asked_on, 'channel', ra.channel, 'contact', ra.contact,
      'question', ra.question, 'replyBy', ra.reply_by, 'answer', ra.answer, 'answeredOn', ra.answered_on)
      ORDER BY ra.asked_on, ra.created_at, ra.id)
    FROM reply_attempts ra WHERE ra.claim_id = c.id AND ra.archived_at IS NULL))`

// A random version-4 UUID, like every other id.
const SQLITE_UUID = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
  substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`

// PostgreSQL: row_to_json and array_to_json write compact JSON with the keys in the columns' order
// (json_build_object and json_agg would add spaces and line breaks); a json column goes in as its text.
const PG_CONTENT = `row_to_json((SELECT r FROM (SELECT
  (SELECT x FROM (SELECT c.id, c.text, c.short_text AS "shortText", c.stated_on AS "statedOn",
    c.appearance_url AS "appearanceUrl", c.archive_url AS "archiveUrl", c.language) x) AS claim,
  (SELECT x FROM (SELECT p.id, p.name, p.kind, p.description, p.url, p.same_as AS "sameAs",
    p.job_title AS "jobTitle", p.affiliation, p.image_url AS "imageUrl") x) AS claimant,
  (SELECT x FROM (SELECT v.rating, v.summary, v.rationale) x) AS verdict,
  (SELECT coalesce(array_to_json(array_agg(row_to_json((SELECT x FROM (SELECT e.id, e.title, e.kind,
      e.source_name AS "sourceName", e.url, e.archive_url AS "archiveUrl", e.published_on AS "publishedOn",
      (SELECT s.stance FROM stances s WHERE s.evidence_id = e.id AND s.claim_id = c.id) AS stance, e.origin) x))
      ORDER BY vc.position)), '[]'::json)
    FROM verdict_citations vc JOIN evidence e ON e.id = vc.evidence_id
    WHERE vc.verdict_id = v.id AND e.archived_at IS NULL) AS "citedEvidence",
  c.quantities,
  (SELECT coalesce(array_to_json(array_agg(row_to_json((SELECT x FROM (SELECT ra.asked_on AS "askedOn", ra.channel,
      ra.contact, ra.question, ra.reply_by AS "replyBy", ra.answer, ra.answered_on AS "answeredOn") x))
      ORDER BY ra.asked_on, ra.created_at, ra.id)), '[]'::json)
    FROM reply_attempts ra WHERE ra.claim_id = c.id AND ra.archived_at IS NULL) AS replies) r))`

const insert = (
  uuid: string,
  at: string,
  content: string,
) => `INSERT INTO verdict_snapshots (id, verdict_id, taken_at, reason, content)
SELECT ${uuid}, v.id, ${at}, 'published', ${content}
FROM verdicts v
JOIN claims c ON c.id = v.claim_id
JOIN claimants p ON p.id = c.claimant_id
WHERE v.status IN ('published', 'withdrawn') AND v.snapshot_id IS NULL`

const POINT = `UPDATE verdicts SET snapshot_id = (
  SELECT s.id FROM verdict_snapshots s WHERE s.verdict_id = verdicts.id ORDER BY s.taken_at DESC LIMIT 1)
WHERE status IN ('published', 'withdrawn') AND snapshot_id IS NULL`

const SQLITE_INSERT = insert(SQLITE_UUID, '@at', SQLITE_CONTENT)
const [PG_INSERT_HEAD, PG_INSERT_TAIL] = insert('gen_random_uuid()::text', '@at', PG_CONTENT).split('@at')

/**
 * Gives every published or withdrawn verdict without a snapshot (one published before snapshots
 * existed, or written by a bulk load) a snapshot of its records as they stand; returns how many.
 */
export async function insertMissingSnapshots(db: Db, at: string): Promise<number> {
  if (isSqlite(db)) {
    return withClient(db, (sqlite) =>
      sqlite.transaction(() => {
        const { changes } = sqlite.prepare(SQLITE_INSERT).run({ at })
        if (changes) sqlite.prepare(POINT).run()
        return changes
      })(),
    )
  }
  return transaction(db, async (tx) => {
    const inserted = await tx.execute(
      sql`${sql.raw(PG_INSERT_HEAD ?? '')}${at}${sql.raw(PG_INSERT_TAIL ?? '')}`,
    )
    if (inserted.rowCount) await tx.execute(sql.raw(POINT))
    return inserted.rowCount ?? 0
  })
}
