import { RATING_SCALE, type Rating } from '@counterclaim/shared'

/** A publisher's rating as its ClaimReview gives it: words and, sometimes, a place on a numeric scale. */
export interface PublisherRating {
  label: string | null
  value: number | null
  best: number | null
  worst: number | null
}

/** The languages the label table covers. */
export type LabelLanguage = 'en' | 'es' | 'pt' | 'fr' | 'de' | 'it' | 'uk' | 'ru'

/** Words that fact-checkers of one language use for one rating of ours. */
export interface RatingLabelGroup {
  language: LabelLanguage
  rating: Rating
  /** The public rating scales these words come from. */
  source: string
  phrases: readonly string[]
}

// Satire, "Outdated", "Legend", "Research in progress" and the like say what kind of content it is,
// not how true it is: they are left out on purpose, so they keep their label with no rating of ours.
// Written from the publishers' public methodology pages as they read in 2024–2025.
/** The common rating words of fact-checkers, by language, mapped onto our rating scale. */
export const RATING_LABELS: readonly RatingLabelGroup[] = [
  {
    language: 'en',
    rating: 'true',
    source: "PolitiFact's Truth-O-Meter, Snopes, Full Fact, The Washington Post Fact Checker",
    phrases: ['True', 'Correct', 'Accurate', 'Correct attribution', 'Geppetto Checkmark'],
  },
  {
    language: 'en',
    rating: 'mostly_true',
    source: "PolitiFact's Truth-O-Meter, Snopes, Full Fact, The Washington Post Fact Checker",
    phrases: ['Mostly true', 'Mostly correct', 'Largely true', 'Largely accurate', 'One Pinocchio'],
  },
  {
    language: 'en',
    rating: 'mixed',
    source: "PolitiFact's Truth-O-Meter, Snopes, AFP Fact Check, Meta's fact-checking ratings",
    phrases: [
      'Half true',
      'Half-truth',
      'Mixture',
      'Mixed',
      'Partly true',
      'Partly false',
      'Partially true',
      'Partially false',
      'Two Pinocchios',
    ],
  },
  {
    language: 'en',
    rating: 'mostly_false',
    source: "PolitiFact's Truth-O-Meter (formerly Barely True), Snopes, AFP Fact Check",
    phrases: [
      'Mostly false',
      'Largely false',
      'Mostly incorrect',
      'Barely true',
      'Exaggerated',
      'Exaggeration',
      'Three Pinocchios',
    ],
  },
  {
    language: 'en',
    rating: 'false',
    source: "PolitiFact's Truth-O-Meter, Snopes, Full Fact, AFP Fact Check, Lead Stories, Meta's ratings",
    phrases: [
      'False',
      'Incorrect',
      'Wrong',
      'Untrue',
      'Not true',
      'Pants on Fire',
      'Fake',
      'Hoax',
      'Scam',
      'Fabricated',
      'Altered',
      'Altered photo',
      'Altered video',
      'Doctored',
      'Manipulated',
      'Misattributed',
      'Four Pinocchios',
    ],
  },
  {
    language: 'en',
    rating: 'misleading',
    source: 'Full Fact, AFP Fact Check, Snopes (Miscaptioned), Lead Stories, Meta (Missing context)',
    phrases: [
      'Misleading',
      'Missing context',
      'Lacks context',
      'Needs context',
      'Out of context',
      'Miscaptioned',
      'Distorted',
    ],
  },
  {
    language: 'en',
    rating: 'unverifiable',
    source: 'Snopes (Unproven, Unfounded), Full Fact, Lead Stories (No evidence), AFP Fact Check',
    phrases: [
      'Unproven',
      'Unverifiable',
      'Unverified',
      'Unfounded',
      'Unsubstantiated',
      'No evidence',
      'Insufficient evidence',
      'Not enough evidence',
      'Cannot be verified',
      "Can't be verified",
      'Too early to tell',
    ],
  },
  {
    language: 'es',
    rating: 'true',
    source: 'Chequeado, Newtral, Maldita.es, AFP Factual',
    phrases: ['Verdadero', 'Verdadera', 'Cierto', 'Cierta', 'Verdad', 'Correcto', 'Correcta'],
  },
  {
    language: 'es',
    rating: 'mostly_true',
    source: 'Chequeado (Verdadero, pero…), PolitiFact en Español, AFP Factual',
    phrases: [
      'Verdadero, pero',
      'Mayormente verdadero',
      'Mayormente cierto',
      'En gran parte verdadero',
      'En gran parte cierto',
    ],
  },
  {
    language: 'es',
    rating: 'mixed',
    source: 'Newtral (Verdad a medias), Chequeado (Discutible), AFP Factual',
    phrases: [
      'Verdad a medias',
      'Media verdad',
      'Parcialmente falso',
      'Parcialmente verdadero',
      'Parcialmente cierto',
      'Discutible',
    ],
  },
  {
    language: 'es',
    rating: 'mostly_false',
    source: 'Chequeado (Exagerado), PolitiFact en Español, AFP Factual',
    phrases: ['Mayormente falso', 'En gran parte falso', 'Exagerado', 'Exagerada'],
  },
  {
    language: 'es',
    rating: 'false',
    source: 'Maldita.es (Bulo, Falso, Montaje), Newtral, Chequeado, AFP Factual',
    phrases: [
      'Falso',
      'Falsa',
      'Bulo',
      'Mentira',
      'No es cierto',
      'No es verdad',
      'Incorrecto',
      'Montaje',
      'Manipulado',
      'Manipulada',
      'Inventado',
    ],
  },
  {
    language: 'es',
    rating: 'misleading',
    source: 'Newtral, Maldita.es, Chequeado (Engañoso), AFP Factual (Falta contexto)',
    phrases: [
      'Engañoso',
      'Engañosa',
      'Falta contexto',
      'Falta de contexto',
      'Sin contexto',
      'Fuera de contexto',
      'Descontextualizado',
      'Descontextualizada',
    ],
  },
  {
    language: 'es',
    rating: 'unverifiable',
    source: 'Chequeado (Inchequeable, Insostenible, Apresurado), Maldita.es, AFP Factual',
    phrases: [
      'Sin evidencia',
      'Sin evidencias',
      'Sin pruebas',
      'No hay pruebas',
      'No hay evidencia',
      'Inchequeable',
      'Insostenible',
      'Apresurado',
      'No verificable',
    ],
  },
  {
    language: 'pt',
    rating: 'true',
    source: 'Agência Lupa, Aos Fatos, AFP Checamos',
    phrases: ['Verdadeiro', 'Verdadeira', 'Verdade', 'Correto', 'Correta'],
  },
  {
    language: 'pt',
    rating: 'mostly_true',
    source: 'Agência Lupa (Verdadeiro, mas), AFP Checamos',
    phrases: ['Verdadeiro, mas', 'Em grande parte verdadeiro', 'Majoritariamente verdadeiro'],
  },
  {
    language: 'pt',
    rating: 'mixed',
    source: 'Aos Fatos (Impreciso), AFP Checamos',
    phrases: ['Impreciso', 'Meia verdade', 'Parcialmente falso', 'Parcialmente verdadeiro'],
  },
  {
    language: 'pt',
    rating: 'mostly_false',
    source: 'Agência Lupa, Aos Fatos (Exagerado)',
    phrases: ['Exagerado', 'Exagerada', 'Em grande parte falso', 'Majoritariamente falso'],
  },
  {
    language: 'pt',
    rating: 'false',
    source: 'Agência Lupa, Aos Fatos, AFP Checamos, Comprova',
    phrases: ['Falso', 'Falsa', 'Mentira', 'Não é verdade', 'Boato', 'Montagem', 'Inventado', 'Fake'],
  },
  {
    language: 'pt',
    rating: 'misleading',
    source: 'Aos Fatos (Distorcido, Não é bem assim), Comprova, AFP Checamos (Falta contexto)',
    phrases: [
      'Enganoso',
      'Enganosa',
      'Distorcido',
      'Distorcida',
      'Não é bem assim',
      'Sem contexto',
      'Fora de contexto',
      'Falta contexto',
      'Descontextualizado',
    ],
  },
  {
    language: 'pt',
    rating: 'unverifiable',
    source: 'Agência Lupa (Insustentável, Ainda é cedo para dizer), Aos Fatos, Comprova',
    phrases: [
      'Sem provas',
      'Sem evidências',
      'Insustentável',
      'Ainda é cedo para dizer',
      'Não comprovado',
      'Sem comprovação',
    ],
  },
  {
    language: 'fr',
    rating: 'true',
    source: 'Les Décodeurs (Le Monde), AFP Factuel',
    phrases: ['Vrai', 'Vraie', 'Exact', 'Exacte'],
  },
  {
    language: 'fr',
    rating: 'mostly_true',
    source: 'Les Décodeurs (Le Monde), AFP Factuel',
    phrases: ['Plutôt vrai', 'Vrai mais', 'En grande partie vrai'],
  },
  {
    language: 'fr',
    rating: 'mixed',
    source: 'Les Décodeurs (Le Monde), Libération CheckNews, AFP Factuel',
    phrases: ['Partiellement faux', 'Partiellement vrai', 'À moitié vrai', "C'est plus compliqué"],
  },
  {
    language: 'fr',
    rating: 'mostly_false',
    source: 'Les Décodeurs (Le Monde), AFP Factuel',
    phrases: ['Plutôt faux', 'Exagéré', 'Exagérée', 'En grande partie faux'],
  },
  {
    language: 'fr',
    rating: 'false',
    source: 'Les Décodeurs (Le Monde), AFP Factuel, Libération CheckNews',
    phrases: ['Faux', 'Fausse', 'Infox', 'Intox', 'Montage', 'Photo truquée', 'Truqué', 'Inventé'],
  },
  {
    language: 'fr',
    rating: 'misleading',
    source: 'AFP Factuel (Trompeur, Manque de contexte), Les Décodeurs (Détourné)',
    phrases: [
      'Trompeur',
      'Trompeuse',
      'Manque de contexte',
      'Sans contexte',
      'Hors contexte',
      'Sorti de son contexte',
      'Détourné',
    ],
  },
  {
    language: 'fr',
    rating: 'unverifiable',
    source: 'AFP Factuel, Les Décodeurs',
    phrases: ['Invérifiable', 'Non vérifiable', 'Infondé', 'Non prouvé', 'Sans preuve', 'Aucune preuve'],
  },
  {
    language: 'de',
    rating: 'true',
    source: 'CORRECTIV.Faktencheck, dpa-Faktencheck, AFP Faktencheck',
    phrases: ['Richtig', 'Wahr', 'Stimmt', 'Zutreffend', 'Korrekt'],
  },
  {
    language: 'de',
    rating: 'mostly_true',
    source: 'CORRECTIV.Faktencheck',
    phrases: ['Größtenteils richtig', 'Weitgehend richtig', 'Überwiegend richtig'],
  },
  {
    language: 'de',
    rating: 'mixed',
    source: 'CORRECTIV.Faktencheck, AFP Faktencheck',
    phrases: [
      'Teilweise falsch',
      'Teilweise richtig',
      'Teils richtig',
      'Stimmt teilweise',
      'Halb wahr',
      'Halbwahr',
    ],
  },
  {
    language: 'de',
    rating: 'mostly_false',
    source: 'CORRECTIV.Faktencheck',
    phrases: ['Größtenteils falsch', 'Überwiegend falsch', 'Übertrieben'],
  },
  {
    language: 'de',
    rating: 'false',
    source: 'CORRECTIV.Faktencheck (Frei erfunden, Manipuliert), dpa-Faktencheck, AFP Faktencheck',
    phrases: [
      'Falsch',
      'Stimmt nicht',
      'Unwahr',
      'Frei erfunden',
      'Erfunden',
      'Manipuliert',
      'Gefälscht',
      'Falschmeldung',
      'Fake',
    ],
  },
  {
    language: 'de',
    rating: 'misleading',
    source: 'CORRECTIV.Faktencheck (Fehlender Kontext), dpa-Faktencheck (Irreführend)',
    phrases: [
      'Irreführend',
      'Irreführende Darstellung',
      'Fehlender Kontext',
      'Kontext fehlt',
      'Ohne Kontext',
      'Aus dem Kontext gerissen',
    ],
  },
  {
    language: 'de',
    rating: 'unverifiable',
    source: 'CORRECTIV.Faktencheck (Unbelegt), dpa-Faktencheck',
    phrases: ['Unbelegt', 'Nicht belegt', 'Unbewiesen', 'Keine Belege', 'Nicht überprüfbar'],
  },
  {
    language: 'it',
    rating: 'true',
    source: 'Pagella Politica (Vero), Facta',
    phrases: ['Vero', 'Vera', 'Corretto'],
  },
  {
    language: 'it',
    rating: 'mostly_true',
    source: "Pagella Politica (C'eri quasi), Facta",
    phrases: ["C'eri quasi", 'Per lo più vero', 'In gran parte vero', 'Vero ma'],
  },
  {
    language: 'it',
    rating: 'mixed',
    // Pagella Politica's "Nì" is its middle rating (neither yes nor no).
    source: 'Pagella Politica (Nì), Facta',
    phrases: ['Nì', 'Mezza verità', 'Parzialmente falso', 'Parzialmente vero'],
  },
  {
    language: 'it',
    rating: 'mostly_false',
    source: 'Pagella Politica (Pinocchio andante), Facta',
    phrases: ['Pinocchio andante', 'Per lo più falso', 'In gran parte falso', 'Esagerato', 'Esagerata'],
  },
  {
    language: 'it',
    rating: 'false',
    source: 'Pagella Politica (Panzana pazzesca), Facta (Falso, Notizia falsa), Open Fact-checking',
    phrases: [
      'Falso',
      'Falsa',
      'Notizia falsa',
      'Panzana pazzesca',
      'Bufala',
      'Inventato',
      'Manipolato',
      'Manipolata',
    ],
  },
  {
    language: 'it',
    rating: 'misleading',
    source: 'Facta (Fuorviante, Contesto mancante), Open Fact-checking',
    phrases: [
      'Fuorviante',
      'Contesto mancante',
      'Manca di contesto',
      'Senza contesto',
      'Fuori contesto',
      'Decontestualizzato',
      'Decontestualizzata',
    ],
  },
  {
    language: 'it',
    rating: 'unverifiable',
    source: 'Facta (Non verificabile), Pagella Politica',
    phrases: ['Non verificabile', 'Senza prove', 'Nessuna prova', 'Non dimostrato', 'Infondato'],
  },
  {
    language: 'uk',
    rating: 'true',
    source: 'VoxCheck, StopFake',
    phrases: ['Правда', 'Відповідає дійсності'],
  },
  {
    language: 'uk',
    rating: 'mostly_true',
    source: 'VoxCheck',
    phrases: ['Переважно правда', 'Здебільшого правда'],
  },
  {
    language: 'uk',
    rating: 'mixed',
    source: 'VoxCheck (Напівправда)',
    phrases: ['Напівправда', 'Частково правда', 'Частково неправда'],
  },
  {
    language: 'uk',
    rating: 'mostly_false',
    source: 'VoxCheck (Перебільшення)',
    phrases: ['Перебільшення', 'Переважно неправда', 'Здебільшого неправда'],
  },
  {
    language: 'uk',
    rating: 'false',
    source: 'VoxCheck (Неправда), StopFake (Фейк)',
    phrases: ['Неправда', 'Фейк', 'Брехня', 'Не відповідає дійсності'],
  },
  {
    language: 'uk',
    rating: 'misleading',
    source: 'VoxCheck (Маніпуляція), StopFake',
    phrases: ['Маніпуляція', 'Бракує контексту', 'Поза контекстом', 'Вводить в оману'],
  },
  {
    language: 'uk',
    rating: 'unverifiable',
    source: 'VoxCheck (Неперевірено), StopFake',
    phrases: ['Неперевірено', 'Неможливо перевірити', 'Немає доказів', 'Недостатньо доказів'],
  },
  {
    language: 'ru',
    rating: 'true',
    source: 'Provereno.media (Правда), StopFake',
    phrases: ['Правда', 'Верно', 'Соответствует действительности'],
  },
  {
    language: 'ru',
    rating: 'mostly_true',
    source: 'Provereno.media (Скорее правда)',
    phrases: ['Скорее правда', 'В основном правда'],
  },
  {
    language: 'ru',
    rating: 'mixed',
    source: 'Provereno.media (Полуправда)',
    phrases: ['Полуправда', 'Частично правда', 'Частично неправда', 'Наполовину правда'],
  },
  {
    language: 'ru',
    rating: 'mostly_false',
    source: 'Provereno.media (Скорее неправда)',
    phrases: ['Скорее неправда', 'В основном неправда', 'Преувеличение'],
  },
  {
    language: 'ru',
    rating: 'false',
    source: 'Provereno.media (Неправда), StopFake (Фейк)',
    phrases: ['Неправда', 'Ложь', 'Фейк', 'Неверно', 'Враньё', 'Не соответствует действительности'],
  },
  {
    language: 'ru',
    rating: 'misleading',
    source: 'Provereno.media (Манипуляция), StopFake',
    phrases: ['Манипуляция', 'Вводит в заблуждение', 'Без контекста', 'Вне контекста'],
  },
  {
    language: 'ru',
    rating: 'unverifiable',
    source: 'Provereno.media (Нет доказательств, Нельзя проверить)',
    phrases: [
      'Нет доказательств',
      'Недостаточно доказательств',
      'Нельзя проверить',
      'Невозможно проверить',
      'Не доказано',
    ],
  },
]

/**
 * Words that introduce a verdict in a sentence ("This is false", "Es falso", "C'est faux",
 * "Это фейк"): read past them when no label starts the sentence.
 */
export const VERDICT_LEAD_INS: Readonly<Record<LabelLanguage, readonly string[]>> = {
  en: [
    'This is',
    'This claim is',
    'The claim is',
    'That is',
    "That's",
    'It is',
    "It's",
    'Rating',
    'Our rating',
    'Ruling',
    'Our ruling',
    'Verdict',
    'Conclusion',
  ],
  es: ['Es', 'Esto es', 'Calificación', 'Veredicto'],
  pt: ['É', 'Isso é', 'Isto é', 'Classificação', 'Veredito'],
  fr: ["C'est", 'Verdict'],
  de: ['Das ist', 'Es ist', 'Bewertung', 'Fazit'],
  it: ['È', 'Verdetto'],
  uk: ['Це', 'Вердикт'],
  ru: ['Это', 'Вердикт'],
}

/**
 * A label as the table compares it: lower case, accents and punctuation gone, one space between
 * words; Cyrillic and other scripts keep their letters.
 */
export function normalizeLabelText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

const PHRASES: ReadonlyMap<string, Rating> = new Map(
  RATING_LABELS.flatMap((group) => group.phrases.map((p) => [normalizeLabelText(p), group.rating] as const)),
)
const LEAD_INS: ReadonlySet<string> = new Set(Object.values(VERDICT_LEAD_INS).flat().map(normalizeLabelText))
const wordCount = (phrase: string) => phrase.split(' ').length
const LONGEST_PHRASE = Math.max(...[...PHRASES.keys()].map(wordCount))
const LONGEST_LEAD_IN = Math.max(...[...LEAD_INS].map(wordCount))
// "Verdict: this is false" passes two lead-ins; more than that is no longer a label.
const MAX_LEAD_INS = 2

/** How many words at the start of `words` form the longest entry of `entries`, or 0. */
function leadingEntryLength(
  words: readonly string[],
  entries: { has(key: string): boolean },
  longest: number,
) {
  for (let n = Math.min(words.length, longest); n > 0; n--) {
    if (entries.has(words.slice(0, n).join(' '))) return n
  }
  return 0
}

/**
 * Our rating for a publisher's words, by the longest table phrase that starts them ("False. The
 * photo is from 2019" → false), never by a word further in; null when none does.
 */
export function ratingForLabel(label: string): Rating | null {
  let words = normalizeLabelText(label).split(' ').filter(Boolean)
  for (let leadIns = 0; leadIns <= MAX_LEAD_INS && words.length > 0; leadIns++) {
    const phrase = leadingEntryLength(words, PHRASES, LONGEST_PHRASE)
    if (phrase > 0) return PHRASES.get(words.slice(0, phrase).join(' ')) ?? null
    const leadIn = leadingEntryLength(words, LEAD_INS, LONGEST_LEAD_IN)
    if (leadIn === 0) return null
    words = words.slice(leadIn)
  }
  return null
}

// Our scale's ratings that have a place on it (false … true), each at its position from 0 to 1.
const SCALE_POINTS = RATING_SCALE.flatMap((r) =>
  r.value === null ? [] : [{ rating: r.rating, value: r.value }],
)
const SCALE_LOW = Math.min(...SCALE_POINTS.map((p) => p.value))
const SCALE_HIGH = Math.max(...SCALE_POINTS.map((p) => p.value))
const POSITIONS = SCALE_POINTS.map((p) => ({
  rating: p.rating,
  at: (p.value - SCALE_LOW) / (SCALE_HIGH - SCALE_LOW),
}))
/** Ratings with no place on a true–false line ("misleading", "unverifiable"): numbers cannot say them. */
const OFF_SCALE: ReadonlySet<Rating> = new Set(
  RATING_SCALE.filter((r) => r.value === null).map((r) => r.rating),
)

/**
 * Our rating nearest to a value's position between worst and best (either way round), or null when
 * the three numbers do not make a scale or the value lies outside it. Ties go toward the middle.
 */
export function ratingForPosition(
  value: number | null,
  best: number | null,
  worst: number | null,
): Rating | null {
  if (value === null || best === null || worst === null || best === worst) return null
  const position = (value - worst) / (best - worst)
  if (!(position >= 0 && position <= 1)) return null
  let nearest: { rating: Rating; at: number } | null = null
  for (const point of POSITIONS) {
    if (nearest === null || isCloser(point.at, nearest.at, position)) nearest = point
  }
  return nearest?.rating ?? null
}

function isCloser(candidate: number, current: number, position: number): boolean {
  const a = Math.abs(candidate - position)
  const b = Math.abs(current - position)
  return a < b || (a === b && Math.abs(candidate - 0.5) < Math.abs(current - 0.5))
}

/**
 * A publisher's rating on our scale: by its numeric position when it gives a usable scale, unless
 * its words say misleading or unverifiable (which no number can); else by its words; else null.
 */
export function normalizeRating(rating: PublisherRating): Rating | null {
  const byLabel = rating.label === null ? null : ratingForLabel(rating.label)
  if (byLabel !== null && OFF_SCALE.has(byLabel)) return byLabel
  return ratingForPosition(rating.value, rating.best, rating.worst) ?? byLabel
}
