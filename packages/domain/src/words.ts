// Stand-in for the words module (folding, stems, claimant keys), replaced when it lands: only the claimant key.

const ACCENTED = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])(\p{M}+)/gu
const SPACING_AND_JOINERS = /[\p{Pd}.'’‘ʼ`´\p{Z}\s\u200B\u2060\uFEFF]/gu

/** Text as both search indexes see it: NFC, lower case, accents of Latin, Greek and Cyrillic letters removed. */
export function foldText(s: string): string {
  return s.normalize('NFC').toLowerCase().normalize('NFD').replace(ACCENTED, '$1').normalize('NFC')
}

/**
 * The key two claimant names share when they name the same claimant: folded, without hyphens, dots,
 * apostrophes and spacing ("Donald-Trump", "donald  trump", "Dónald Trump" → "donaldtrump").
 */
export function claimantKey(name: string): string {
  return foldText(name).replace(SPACING_AND_JOINERS, '')
}
