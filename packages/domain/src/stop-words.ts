// The most frequent function words of the languages desks write in, picked from the Snowball project's
// stop lists (https://snowballstem.org/algorithms/<language>/stop.txt, BSD licence) and, for Ukrainian,
// which Snowball has none for, from stopwords-iso (https://github.com/stopwords-iso/stopwords-uk, MIT).
// Kept small on purpose, and without the words that are content words in another of these languages
// (German "die", "war", "man", "fast"; Spanish and French "son"; Spanish "sea", "era"): the lists are
// merged, so one language's article must never hide another's "war" or "die".
// Written as people type them; words.ts folds them (case, accents) like every other word.

const ENGLISH = `a an the and or but nor of to in on at by for with from as into onto about than then so
  if over under again against after before during while through between is are was were be been being
  am has have had having do does did done it its this that these those
  there here their theirs they them he him his she her hers we us our you your i me my not no yes will
  would shall should can could may might must also just only very too more most all any some each such
  what which who whom whose when where why how up out s t don doesn didn isn aren wasn weren hasn haven`

const SPANISH = `el la los las lo un una unos unas de del al a y e o u en con por para sin sobre entre
  que qué como cómo pero más muy ya no sí se su sus le les es está están fue fueron ha han había
  ser hay este esta esto estos estas ese esa eso él ella ellos ellas nos mi tu cuando donde también`

const PORTUGUESE = `o a os as um uma uns umas de do da dos das em no na nos nas ao aos à às e ou com por
  pelo pela pelos pelas para sem sobre entre que como mas mais muito já não sim se seu sua seus suas
  lhe é está estão foi foram há ser este esta isto esse essa isso ele ela eles elas também quando onde`

const FRENCH = `le la les l un une des de du d au aux à et ou en dans sur sous pour par avec sans entre que
  qu qui quoi comme mais plus très ne n pas non oui se s sa ses leur leurs ce c cet cette ces est sont
  été être a ont avait il elle ils elles nous vous je j on y aussi quand où`

const GERMAN = `der das den dem des ein eine einen einem einer eines und oder aber in im an am auf aus
  mit von vom zu zum zur für über unter bei nach vor durch gegen ohne ist sind wurde wurden worden
  wird werden hat haben hatte sein nicht kein keine es sie er wir ihr ich sich dass als auch wie noch
  nur schon sehr wenn`

const ITALIAN = `il lo la i gli le un uno una di del dello della dei degli delle da dal dalla a al allo alla
  ai agli alle in nel nello nella nei negli nelle su sul sulla con per tra fra e o ma che come più
  molto non sì se si è sono ha hanno questo questa quello quella anche quando dove`

const UKRAINIAN = `і й та в у на з із зі до від по за для про під над після через між при що як це цей
  ця ці той та те ті не ні так але або чи же б би бо він вона воно вони ми ви я його її їх їм був
  була було були є буде ще вже також який яка яке які щоб тому де коли`

const RUSSIAN = `и в во на с со к ко у о об от до из за для по про под над при после через между что как
  это этот эта эти тот та то те не ни так но а или ли же бы он она оно они мы вы я его ее её их им
  был была было были есть будет еще ещё уже также который которая которое которые чтобы где когда`

/** The stop words of English, Spanish, Portuguese, French, German, Italian, Ukrainian and Russian, as typed. */
export const STOP_WORD_LISTS: Readonly<Record<string, string>> = {
  en: ENGLISH,
  es: SPANISH,
  pt: PORTUGUESE,
  fr: FRENCH,
  de: GERMAN,
  it: ITALIAN,
  uk: UKRAINIAN,
  ru: RUSSIAN,
}
