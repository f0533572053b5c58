/**
 * Precision and recall of the real matching over the matching pairs (tests/fixtures/matching-pairs.ts): every
 * pair's `b` goes on a fresh desk (a claim, or for every fourth pair another desk's fact-check), then GET
 * /api/matches asks with its `a`; a pair counts as found when its `b` is among the matches. So the figures
 * measure the database's candidate reads and the scorer together, on the engine the desk runs on.
 */
import { readConfig } from '../../apps/api/src/env.ts'
import type { Db } from '../../packages/db/src/index.ts'
import { evaluatePairs, type PairEvaluation } from '../../packages/domain/src/index.ts'
import type { Matches } from '../../packages/shared/src/index.ts'
import { MATCHING_PAIRS, type MatchingPair } from '../fixtures/matching-pairs.ts'
import { TEST_SCRYPT_LOG_N } from '../support/accounts.ts'
import { appOver, insertTestAccounts } from '../support/app-over.ts'
import { insertFactChecks } from '../support/fact-checks.ts'

export interface MatchingQuality extends PairEvaluation {
  /** The pairs called wrongly, with what was asked and whether the `b` was expected. */
  wrong: Array<MatchingPair & { found: boolean }>
  /** Milliseconds of each GET /api/matches. */
  times: number[]
}

/** Every fourth pair's `b` is another desk's fact-check; the others are claims of one dispute. */
const isFactCheck = (index: number) => index % 4 === 3

/** Measures matching on `db`, a freshly migrated, empty database (`location` its DATABASE_PATH or DATABASE_URL). */
export async function matchingQuality(db: Db, env: Record<string, string>): Promise<MatchingQuality> {
  await insertTestAccounts(db, ['checker'])
  const config = readConfig({ ...env, COUNTERCLAIM_SCRYPT_LOG_N: String(TEST_SCRYPT_LOG_N) })
  const { send, login } = appOver(db, config)
  const cookie = await login('checker')
  const post = async (path: string, json: unknown) => {
    const res = await send(path, { method: 'POST', cookie, json })
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`)
    return ((await res.json()) as { id: string }).id
  }
  const claimantId = await post('/api/claimants', { name: 'Matching bench speaker', kind: 'person' })
  const disputeId = await post('/api/disputes', { title: 'Matching pairs', question: 'Which say the same?' })
  const ids: string[] = []
  for (const [i, pair] of MATCHING_PAIRS.entries()) {
    if (isFactCheck(i)) ids.push(...(await insertFactChecks(db, [{ claimReviewed: pair.b }])))
    else ids.push(await post(`/api/disputes/${disputeId}/claims`, { text: pair.b, claimantId }))
  }
  const found: boolean[] = []
  const times: number[] = []
  for (const [i, pair] of MATCHING_PAIRS.entries()) {
    const t = performance.now()
    const res = await send(`/api/matches?${new URLSearchParams({ text: pair.a })}`, { cookie })
    if (res.status !== 200) throw new Error(`GET /api/matches answered ${res.status}: ${await res.text()}`)
    const matches = (await res.json()) as Matches
    times.push(performance.now() - t)
    const matched = isFactCheck(i)
      ? matches.factChecks.map((m) => m.factCheck.id)
      : matches.claims.map((m) => m.claim.id)
    found.push(matched.includes(ids[i] ?? ''))
  }
  const result = evaluatePairs(
    MATCHING_PAIRS.map((pair, i) => ({ ...pair, a: String(i) })),
    (a) => (found[Number(a)] ? 1 : 0),
    1,
  )
  const wrong = MATCHING_PAIRS.map((pair, i) => ({ ...pair, found: found[i] ?? false })).filter(
    (pair) => pair.found !== pair.match,
  )
  return { ...result, wrong, times }
}
