// snowball-stemmers 0.6.0 ships JavaScript only: the part of its API words.ts calls.
declare module 'snowball-stemmers' {
  /** One language's Snowball stemmer: `stem` takes a lower-case word and gives its stem. */
  export interface Stemmer {
    stem(word: string): string
  }
  /** A stemmer for one of `algorithms()` ('english', 'russian', ...). */
  export function newStemmer(language: string): Stemmer
  /** The languages the package has stemmers for. */
  export function algorithms(): string[]
}
