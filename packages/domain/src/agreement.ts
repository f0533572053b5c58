// Inter-rater agreement of independent ratings: two raters per claim, each pair ordered first in, second in.
// Cohen's kappa treats the first rating in as rater A and the second as rater B.

/** Two ratings of one item: the first rater's, then the second's. */
export type RatingPair = readonly [string, string]

export interface AgreementFigures {
  pairs: number
  agreed: number
  /** agreed / pairs × 100; null with no pairs. */
  percentAgreement: number | null
  /** Cohen's kappa; null when undefined (no pairs, or chance agreement is certain). */
  kappa: number | null
}

/**
 * Cohen's kappa of two raters over nominal categories: (po − pe) / (1 − pe), where po is the share of
 * items they agree on and pe the agreement expected by chance from each rater's own shares. Null when
 * there are no items or pe is 1 (both raters always chose one and the same category).
 */
export function cohensKappa(pairs: readonly RatingPair[]): number | null {
  const n = pairs.length
  if (n === 0) return null
  const first = new Map<string, number>()
  const second = new Map<string, number>()
  let agreed = 0
  for (const [a, b] of pairs) {
    first.set(a, (first.get(a) ?? 0) + 1)
    second.set(b, (second.get(b) ?? 0) + 1)
    if (a === b) agreed++
  }
  const po = agreed / n
  let pe = 0
  for (const [category, count] of first) pe += (count / n) * ((second.get(category) ?? 0) / n)
  if (pe >= 1 - 1e-12) return null
  return (po - pe) / (1 - pe)
}

/** Percent agreement and Cohen's kappa over all pairs. */
export function overallAgreement(pairs: readonly RatingPair[]): AgreementFigures {
  const agreed = pairs.filter(([a, b]) => a === b).length
  return {
    pairs: pairs.length,
    agreed,
    percentAgreement: pairs.length ? (agreed / pairs.length) * 100 : null,
    kappa: cohensKappa(pairs),
  }
}

/**
 * One category against all the others: `pairs` counts the pairs where either rater chose it, `agreed`
 * those where both did (percent agreement is agreed of those), and kappa is Cohen's over every pair with
 * each rating reduced to "this category" or "another".
 */
export function categoryAgreement(pairs: readonly RatingPair[], category: string): AgreementFigures {
  const involved = pairs.filter(([a, b]) => a === category || b === category)
  const agreed = involved.filter(([a, b]) => a === b).length
  const binary = pairs.map(
    ([a, b]) => [a === category ? 'yes' : 'no', b === category ? 'yes' : 'no'] as const,
  )
  return {
    pairs: involved.length,
    agreed,
    percentAgreement: involved.length ? (agreed / involved.length) * 100 : null,
    kappa: cohensKappa(binary),
  }
}

/** Landis & Koch's (1977) bands of kappa, as keys: the words for each are the reader's. */
export type KappaLevel = 'unknown' | 'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almostPerfect'

/** Which of Landis & Koch's bands a kappa falls in; 'unknown' when there are too few ratings for one. */
export function kappaLevel(kappa: number | null): KappaLevel {
  if (kappa === null) return 'unknown'
  if (kappa < 0) return 'poor'
  if (kappa <= 0.2) return 'slight'
  if (kappa <= 0.4) return 'fair'
  if (kappa <= 0.6) return 'moderate'
  if (kappa <= 0.8) return 'substantial'
  return 'almostPerfect'
}

const KAPPA_WORDS: Readonly<Record<KappaLevel, string>> = {
  unknown: 'Not enough ratings to tell',
  poor: 'Poor: less than chance',
  slight: 'Slight',
  fair: 'Fair',
  moderate: 'Moderate',
  substantial: 'Substantial',
  almostPerfect: 'Almost perfect',
}

/** Landis & Koch's (1977) words for a kappa, for readers who do not read kappas. */
export function kappaWords(kappa: number | null): string {
  return KAPPA_WORDS[kappaLevel(kappa)]
}
