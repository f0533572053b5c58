// Claim matching (docs/decisions/0012-matching-without-a-model.md): the claims on this desk and the other
// desks' fact-checks that say the same as a text. packages/db reads a bounded set of candidates from the word
// and trigram indexes; packages/domain scores each against the text, the same on both engines, and marks the
// words that make it match.
import {
  type Db,
  engineOf,
  eq,
  inArray,
  type MatchCandidate,
  matchCandidates,
  readTransaction,
  type Tx,
  tables,
} from '@counterclaim/db'
import {
  type Analysis,
  analyze,
  MATCH_THRESHOLD,
  markMatches,
  matchQueries,
  matchScore,
} from '@counterclaim/domain'
import type { ClaimMatch, FactCheckMatch, Matches } from '@counterclaim/shared'
import { getClaim } from './claims.ts'
import { toClaim, toFactCheck } from './mappers.ts'

/** At most this many claims, and this many fact-checks, are answered. */
export const MATCHES_SHOWN = 10

export interface MatchRequest {
  text: string
  /** The language the text is in: at equal scores, claims and fact-checks in it come first. */
  language?: string | null
  /** The claim the text is, which never matches itself. */
  exceptClaimId?: string
}

/**
 * The claims (of live disputes, not archived) and fact-checks that say the same as a text, best first, at
 * most MATCHES_SHOWN of each, each with its words marked where they match the text. At equal scores, those
 * in the asked language come first, then the newer.
 */
export async function findMatches(db: Db, request: MatchRequest): Promise<Matches> {
  // The candidates are only ids to look at: read before the transaction (on a read worker where SQLite
  // has a pool), while the records are loaded, and checked for archiving, in it.
  const candidates = await matchCandidates(db, matchQueries(request.text, engineOf(db)))
  return readTransaction(db, (tx) => readMatches(tx, request, candidates))
}

/** The matches of a claim: its text against the others, in its language; never itself. */
export async function findClaimMatches(db: Db, claimId: string): Promise<Matches> {
  const claim = await getClaim(db, claimId)
  return findMatches(db, { text: claim.text, language: claim.language, exceptClaimId: claim.id })
}

interface Scored<T> {
  score: number
  sameLanguage: boolean
  at: string
  id: string
  item: T
}

async function readMatches(tx: Tx, request: MatchRequest, candidates: MatchCandidate[]): Promise<Matches> {
  const query = analyze(request.text)
  const claimIds = candidates
    .filter((c) => c.kind === 'claim' && c.id !== request.exceptClaimId)
    .map((c) => c.id)
  const factCheckIds = candidates.filter((c) => c.kind === 'fact_check').map((c) => c.id)
  const language = primaryLanguage(request.language)
  const claims: Array<Scored<Omit<ClaimMatch, 'score' | 'marked'>>> = []
  for (const row of await loadClaims(tx, claimIds)) {
    // Archived claims are not in the indexes; claims of an archived dispute are, and are left out here.
    if (row.claim.archivedAt !== null || row.disputeArchivedAt !== null) continue
    const score = scoreOf(query, row.claim.text)
    if (score === null) continue
    claims.push({
      score,
      sameLanguage: language !== null && primaryLanguage(row.claim.language) === language,
      at: row.claim.createdAt,
      id: row.claim.id,
      item: {
        claim: toClaim(row.claim),
        claimant: row.claimant && { id: row.claimant.id, name: row.claimant.name },
        dispute: { id: row.dispute.id, title: row.dispute.title },
      },
    })
  }
  const factChecks: Array<Scored<Omit<FactCheckMatch, 'score' | 'marked'>>> = []
  for (const row of await loadFactChecks(tx, factCheckIds)) {
    const score = scoreOf(query, row.claimReviewed)
    if (score === null) continue
    factChecks.push({
      score,
      sameLanguage: language !== null && primaryLanguage(row.language) === language,
      at: row.reviewDate ?? row.createdAt,
      id: row.id,
      item: { factCheck: toFactCheck(row) },
    })
  }
  return {
    claims: best(claims).map(({ score, item }) => ({
      score,
      ...item,
      marked: markMatches(item.claim.text, query),
    })),
    factChecks: best(factChecks).map(({ score, item }) => ({
      score,
      ...item,
      marked: markMatches(item.factCheck.claimReviewed, query),
    })),
  }
}

// Scores are rounded, so "equal" means equal as shown, and the order is the same on both engines.
function scoreOf(query: Analysis, text: string): number | null {
  const score = Math.round(matchScore(query, analyze(text)) * 1000) / 1000
  return score >= MATCH_THRESHOLD ? score : null
}

function best<T>(scored: Array<Scored<T>>): Array<Scored<T>> {
  return scored
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.sameLanguage) - Number(a.sameLanguage) ||
        (a.at < b.at ? 1 : a.at > b.at ? -1 : 0) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .slice(0, MATCHES_SHOWN)
}

/** A language tag's primary language ("en-GB" → "en"), lower case; null when there is none. */
function primaryLanguage(tag: string | null | undefined): string | null {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase()
  return primary ? primary : null
}

function loadClaims(tx: Tx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return tx
    .select({
      claim: tables.claims,
      claimant: { id: tables.claimants.id, name: tables.claimants.name },
      dispute: { id: tables.disputes.id, title: tables.disputes.title },
      disputeArchivedAt: tables.disputes.archivedAt,
    })
    .from(tables.claims)
    .leftJoin(tables.claimants, eq(tables.claimants.id, tables.claims.claimantId))
    .innerJoin(tables.disputes, eq(tables.disputes.id, tables.claims.disputeId))
    .where(inArray(tables.claims.id, ids))
}

function loadFactChecks(tx: Tx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return tx.select().from(tables.factChecks).where(inArray(tables.factChecks.id, ids))
}
