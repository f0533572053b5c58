import { randomUUID } from 'node:crypto'
import { count, type Db, eq, tables, transaction } from '@counterclaim/db'
import type { Role, SessionUser } from '@counterclaim/shared'
import { putClaimRelation } from './claim-relations.ts'
import { createClaimant } from './claimants.ts'
import { createClaim } from './claims.ts'
import { publishConclusion, saveConclusionDraft, submitConclusion } from './conclusions.ts'
import type { ServiceContext } from './context.ts'
import { createDispute } from './disputes.ts'
import { createEvidence } from './evidence.ts'
import { recordHistory } from './history.ts'
import { toUser } from './mappers.ts'
import { putMyRating } from './ratings.ts'
import { createReply, updateReply } from './replies.ts'
import { putStance } from './stances.ts'
import { publishVerdict, submitVerdict } from './verdict-workflow.ts'
import { saveDraft } from './verdicts.ts'
import { found } from './versioning.ts'

export interface SeedAccount {
  email: string
  name: string
  role: Role
  passwordHash: string
}

/** Whether the database has no accounts yet: a first start. */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(tables.users)
  return (row?.n ?? 0) === 0
}

/** Creates an account outside any request (the first admin, the demo desk), with its history event. */
export async function insertAccount(db: Db, account: SeedAccount, at: string): Promise<SessionUser> {
  return transaction(db, async (tx) => {
    const [inserted] = await tx
      .insert(tables.users)
      .values({
        id: randomUUID(),
        email: account.email.toLowerCase(),
        name: account.name,
        role: account.role,
        passwordHash: account.passwordHash,
        createdAt: at,
        updatedAt: at,
      })
      .returning()
    const row = found(inserted, 'User')
    await recordHistory(tx, {
      actorId: null,
      at,
      entity: 'user',
      entityId: row.id,
      action: 'created',
      before: null,
      after: toUser(row),
    })
    return { id: row.id, email: row.email, name: row.name, role: row.role }
  })
}

/** The account with this email, if any. */
export async function findAccount(db: Db, email: string): Promise<SessionUser | null> {
  const [row] = await db
    .select()
    .from(tables.users)
    .where(eq(tables.users.email, email.toLowerCase()))
    .limit(1)
  return row ? { id: row.id, email: row.email, name: row.name, role: row.role } : null
}

/**
 * The 10 June 2025 example, written through the same use-cases as the API so every record has
 * its history: a checker gathers claims and evidence and drafts, an editor publishes.
 */
export async function seedDemo(db: Db, desk: { checker: SessionUser; editor: SessionUser }): Promise<void> {
  const at = (actor: SessionUser): ServiceContext => ({ db, actor, now: new Date().toISOString() })
  const checker = () => at(desk.checker)
  const editor = () => at(desk.editor)

  const { record: mod } = await createClaimant(checker(), {
    name: 'Russian Ministry of Defence',
    kind: 'military',
    description: "The defence ministry of the Russian Federation; reports on its forces' strikes.",
    url: 'https://eng.mil.ru/',
  })
  const { record: kiper } = await createClaimant(checker(), {
    name: 'Oleg Kiper',
    kind: 'government',
    description: 'Head of the Odesa regional military administration (governor of Odesa region).',
  })
  const { record: klitschko } = await createClaimant(checker(), {
    name: 'Vitali Klitschko',
    kind: 'government',
    description: 'Mayor of Kyiv.',
  })
  const { record: officials } = await createClaimant(checker(), {
    name: 'Ukrainian officials',
    kind: 'government',
    description: 'Officials of the Ukrainian government speaking on the night of 9–10 June 2025.',
  })
  const { record: airForce } = await createClaimant(checker(), {
    name: 'Ukrainian Air Force',
    kind: 'military',
    description:
      'The air force of the Armed Forces of Ukraine; publishes nightly counts of drones and missiles.',
  })
  const { record: belgorod } = await createClaimant(checker(), {
    name: 'Belgorod regional authorities',
    kind: 'government',
    description: 'The administration of Russia’s Belgorod region.',
  })

  // Dispute 1: what the strikes hit.
  const { record: strikes } = await createDispute(checker(), {
    title: 'Strikes on Kyiv and Odesa, 10 June 2025',
    question: 'What did the 10 June 2025 strikes on Kyiv and Odesa hit?',
    summary:
      "Russia's defence ministry said every designated military-industrial target was hit; Odesa's governor and Kyiv's mayor reported a maternity hospital, homes and casualties.",
    tags: ['ukraine', 'strikes'],
  })
  const { record: modClaim } = await createClaim(checker(), strikes.id, {
    claimantId: mod.id,
    text: 'The goal of the strikes was achieved. All designated objects were hit. The targets were aviation, missile and armoured vehicle manufacturing and ship-building facilities in Kyiv.',
    shortText: 'All designated objects were hit',
    statedOn: '2025-06-10',
    language: 'en',
    appearanceUrl: 'https://t.me/mod_russia_en',
  })
  const { record: kiperClaim } = await createClaim(checker(), strikes.id, {
    claimantId: kiper.id,
    text: 'The enemy massively attacked Odesa with strike drones… The Russians hit a maternity hospital, an emergency medical ward and residential buildings.',
    shortText: 'Russian drones hit a maternity hospital in Odesa',
    statedOn: '2025-06-10',
    language: 'en',
    appearanceUrl: 'https://t.me/odeskaODA',
  })
  const { record: mayorClaim } = await createClaim(checker(), strikes.id, {
    claimantId: klitschko.id,
    text: 'One woman was killed and four people were wounded in Kyiv; the strikes hit seven districts of the city.',
    shortText: 'One killed, four wounded, seven districts hit in Kyiv',
    statedOn: '2025-06-10',
    language: 'en',
    appearanceUrl: 'https://t.me/vitaliy_klitschko',
  })

  const { record: news } = await createEvidence(checker(), strikes.id, {
    title: 'News report: Russia strikes Kyiv and Odesa, hitting a maternity hospital',
    kind: 'news_report',
    sourceName: 'Reuters',
    url: 'https://www.reuters.com/world/europe/',
    excerpt:
      'Russia pounded Kyiv and Odesa with drones and missiles overnight, killing at least two people, damaging a maternity hospital in Odesa and residential buildings in Kyiv, officials said.',
    publishedOn: '2025-06-10',
    accessedOn: '2025-06-11',
    sourceReliability: 'B',
    informationCredibility: 2,
    origin: 'Reuters wire, 10 June',
  })
  // Another outlet ran the same wire story: one origin, counted once however many outlets repeat it.
  const { record: republished } = await createEvidence(checker(), strikes.id, {
    title: 'The same wire report, republished by another outlet',
    kind: 'news_report',
    sourceName: 'US News & World Report',
    url: 'https://www.usnews.com/news/world/articles',
    excerpt:
      'Russian drones and missiles struck Kyiv and Odesa overnight, killing at least two people and damaging a maternity hospital in Odesa, officials said. (Reuters)',
    publishedOn: '2025-06-10',
    accessedOn: '2025-06-11',
    sourceReliability: 'B',
    informationCredibility: 2,
    origin: 'Reuters wire, 10 June',
  })
  const { record: post } = await createEvidence(checker(), strikes.id, {
    title: "Governor Oleg Kiper's post on the Odesa attack",
    kind: 'official_statement',
    sourceName: 'Odesa regional military administration',
    url: 'https://t.me/odeskaODA',
    excerpt:
      'The enemy massively attacked Odesa with strike drones. The Russians hit a maternity hospital, an emergency medical ward and residential buildings. Two people were injured.',
    publishedOn: '2025-06-10',
    accessedOn: '2025-06-10',
    sourceReliability: 'B',
    informationCredibility: 3,
  })
  const { record: ministry } = await createEvidence(checker(), strikes.id, {
    title: 'Ministry of Defence statement, 10 June',
    kind: 'official_statement',
    sourceName: 'Russian Ministry of Defence',
    url: 'https://t.me/mod_russia_en',
    excerpt:
      'The Russian Armed Forces delivered a massive strike with long-range precision weapons and drones at aviation, missile and armoured vehicle manufacturing and ship-building facilities. The goal of the strike was achieved. All designated objects were hit.',
    publishedOn: '2025-06-10',
    accessedOn: '2025-06-10',
    sourceReliability: 'C',
    informationCredibility: 3,
  })
  const { record: photos } = await createEvidence(checker(), strikes.id, {
    title: 'Photos of the damaged maternity hospital in Odesa',
    kind: 'photo',
    sourceName: 'Odesa regional military administration',
    url: 'https://t.me/odeskaODA',
    excerpt:
      'Photographs show blown-out windows and debris in the wards of a maternity hospital in Odesa after the attack.',
    publishedOn: '2025-06-10',
    accessedOn: '2025-06-10',
    sourceReliability: 'B',
    informationCredibility: 2,
  })
  const set = (
    evidenceId: string,
    claimId: string,
    stance: 'supports' | 'contradicts' | 'context',
    note = '',
  ) => putStance(checker(), null, { evidenceId, claimId, stance, note })
  await set(
    news.id,
    modClaim.id,
    'contradicts',
    'Civilian buildings, not only the named facilities, were hit.',
  )
  await set(news.id, kiperClaim.id, 'supports', 'Confirms damage to a maternity hospital in Odesa.')
  await set(news.id, mayorClaim.id, 'supports')
  await set(republished.id, kiperClaim.id, 'supports', 'A copy of the wire report: not a second source.')
  await set(post.id, kiperClaim.id, 'supports', 'The original statement.')
  await set(ministry.id, modClaim.id, 'supports', "The ministry's own statement; not independent.")
  await set(
    photos.id,
    modClaim.id,
    'contradicts',
    'A maternity hospital is not a designated military object.',
  )
  await set(photos.id, kiperClaim.id, 'supports')

  // The right of reply, logged before publishing so the published record carries it.
  const { record: askedMinistry } = await createReply(checker(), modClaim.id, {
    askedOn: '2025-06-10',
    channel: 'email',
    contact: "the ministry's press office",
    question:
      'Photographs and a wire report show a maternity hospital in Odesa damaged in the same wave of strikes. Was it among the designated objects?',
    replyBy: '2025-06-11',
  })
  await updateReply(checker(), askedMinistry.id, askedMinistry.version, {
    answer: 'All designated objects were military. The ministry does not comment on Ukrainian claims.',
    answeredOn: '2025-06-11',
  })
  await createReply(checker(), kiperClaim.id, {
    askedOn: '2025-06-10',
    channel: 'message',
    contact: "the governor's office",
    question: 'How many people were wounded at the maternity hospital, and where do the figures come from?',
    replyBy: '2025-06-12',
  })

  // Both can hold: the named facilities may have been hit, and so was a maternity hospital.
  await putClaimRelation(checker(), null, {
    claimId: modClaim.id,
    otherClaimId: kiperClaim.id,
    kind: 'compatible',
    note: 'Both can hold: the named facilities may have been hit, and so was a maternity hospital.',
  })

  let { record: modVerdict } = await saveDraft(checker(), modClaim.id, null, {
    rating: 'misleading',
    summary:
      'Civilian buildings, including a maternity hospital in Odesa, were hit as well as the named facilities.',
    rationale:
      'The ministry names only military-industrial targets. Independent reporting and photographs show that the same wave of strikes hit a **maternity hospital** and an emergency ward in Odesa and homes in Kyiv.\n\n- The claim that targets were hit may be true in part.\n- Presenting the strikes as hitting only designated objects leaves out the civilian damage.',
    citedEvidenceIds: [news.id, photos.id],
  })
  modVerdict = await submitVerdict(checker(), modClaim.id, modVerdict.version)
  await publishVerdict(editor(), modClaim.id, modVerdict.version, true)

  const { record: kiperVerdict } = await saveDraft(checker(), kiperClaim.id, null, {
    rating: 'true',
    summary: 'A maternity hospital, an emergency ward and homes in Odesa were damaged, as the governor said.',
    rationale: 'The governor’s account is matched by a wire report and by photographs taken at the hospital.',
    citedEvidenceIds: [news.id, post.id, photos.id],
  })
  await submitVerdict(checker(), kiperClaim.id, kiperVerdict.version)

  await saveDraft(checker(), mayorClaim.id, null, {
    summary: 'Casualty figures match the wire report so far; district count not yet checked.',
  })

  // Dispute 2: the numbers.
  const { record: numbers } = await createDispute(checker(), {
    title: 'How many drones: 9–10 June 2025',
    question: 'How many drones did Russia launch at Ukraine on the nights of 9 and 10 June 2025?',
    summary:
      'Officials spoke of over 300 drones and seven missiles; the air force counted a record 479 drones the night before.',
    tags: ['ukraine', 'strikes', 'numbers'],
    // Two checkers rate each claim blind: the demo shows agreement and the disagreement view.
    independentRatings: true,
  })
  const night8to9 = { periodFrom: '2025-06-08', periodTo: '2025-06-09', place: 'Ukraine' }
  const { record: over300 } = await createClaim(checker(), numbers.id, {
    claimantId: officials.id,
    text: 'Russia launched over 300 drones and seven missiles at Ukraine overnight.',
    shortText: 'Over 300 drones and seven missiles',
    statedOn: '2025-06-10',
    language: 'en',
    // Said on 10 June of the night before: the night of 9–10 June.
    quantities: [
      {
        measure: 'drones launched',
        value: 300,
        qualifier: 'at_least',
        unit: 'drones',
        periodFrom: '2025-06-09',
        periodTo: '2025-06-10',
        place: 'Ukraine',
      },
      {
        measure: 'missiles launched',
        value: 7,
        qualifier: 'exact',
        unit: 'missiles',
        periodFrom: '2025-06-09',
        periodTo: '2025-06-10',
        place: 'Ukraine',
      },
    ],
  })
  const { record: record479 } = await createClaim(checker(), numbers.id, {
    claimantId: airForce.id,
    text: 'Russia launched a record 479 drones at Ukraine overnight, along with 20 missiles. Air defences shot down or jammed 460 of the drones.',
    shortText: 'A record 479 drones in one night',
    statedOn: '2025-06-09',
    language: 'en',
    appearanceUrl: 'https://t.me/kpszsu',
    // Said on 9 June of the night before: the night of 8–9 June, a different night from the officials'.
    quantities: [
      { measure: 'drones launched', value: 479, qualifier: 'exact', unit: 'drones', ...night8to9 },
      { measure: 'missiles launched', value: 20, qualifier: 'exact', unit: 'missiles', ...night8to9 },
      { measure: 'drones intercepted', value: 460, qualifier: 'exact', unit: 'drones', ...night8to9 },
    ],
  })
  const { record: airForceCount } = await createEvidence(checker(), numbers.id, {
    title: 'Air force overnight count, 9 June',
    kind: 'official_statement',
    sourceName: 'Ukrainian Air Force',
    url: 'https://t.me/kpszsu',
    excerpt:
      'On the night of 9 June the enemy attacked with 479 strike drones and decoy drones and 20 missiles of various types.',
    publishedOn: '2025-06-09',
    accessedOn: '2025-06-10',
    sourceReliability: 'B',
    informationCredibility: 2,
    origin: 'Ukrainian Air Force counts',
  })
  const { record: airForceNextCount } = await createEvidence(checker(), numbers.id, {
    title: 'Air force overnight count, 10 June',
    kind: 'official_statement',
    sourceName: 'Ukrainian Air Force',
    url: 'https://t.me/kpszsu',
    excerpt:
      'On the night of 10 June the enemy attacked with 315 strike drones and decoy drones and 7 missiles. Kyiv and Odesa were the main targets.',
    publishedOn: '2025-06-10',
    accessedOn: '2025-06-10',
    sourceReliability: 'B',
    informationCredibility: 2,
    origin: 'Ukrainian Air Force counts',
  })
  // Reporters on the ground: they do not count drones, but they see whether an attack had that scale.
  const { record: largestAttack } = await createEvidence(checker(), numbers.id, {
    title: 'News report: the largest drone attack of the war, seen across Ukraine',
    kind: 'news_report',
    sourceName: 'Associated Press',
    url: 'https://apnews.com/hub/russia-ukraine',
    excerpt:
      'Explosions and air defence fire were heard through the night in several regions, AP journalists and regional officials reported, in what the air force called the largest drone attack of the war.',
    publishedOn: '2025-06-09',
    accessedOn: '2025-06-10',
    sourceReliability: 'B',
    informationCredibility: 2,
    origin: 'AP reporting, 9 June',
  })
  const { record: kyivOdesaAttack } = await createEvidence(checker(), numbers.id, {
    title: 'News report: Kyiv and Odesa under drone and missile attack through the night',
    kind: 'news_report',
    sourceName: 'Reuters',
    url: 'https://www.reuters.com/world/europe/',
    excerpt:
      'Reuters witnesses in Kyiv heard waves of drones and explosions for hours overnight, and officials reported strikes in Odesa.',
    publishedOn: '2025-06-10',
    accessedOn: '2025-06-11',
    sourceReliability: 'B',
    informationCredibility: 2,
    origin: 'Reuters wire, 10 June',
  })
  await set(airForceCount.id, record479.id, 'supports')
  await set(airForceCount.id, over300.id, 'context', 'A different night: both counts can be true.')
  await set(airForceNextCount.id, over300.id, 'supports', '315 drones and seven missiles: over 300.')
  await set(airForceNextCount.id, record479.id, 'context', 'The night after the record: a smaller attack.')
  await set(
    largestAttack.id,
    record479.id,
    'supports',
    'Its reporters saw an attack of that scale; the count itself is the air force’s.',
  )
  await set(
    kyivOdesaAttack.id,
    over300.id,
    'supports',
    'Its reporters saw a long attack on two cities; the count itself is the air force’s.',
  )

  await putClaimRelation(checker(), null, {
    claimId: over300.id,
    otherClaimId: record479.id,
    kind: 'different_scope',
    note: 'Different nights: 9–10 June against 8–9 June.',
  })

  // Independent ratings: agreed on the air force's own count, split on "over 300" (a floor that holds, but
  // read next to the record it suggests a smaller attack).
  await putMyRating(checker(), record479.id, null, {
    rating: 'true',
    note: 'The air force published this count itself.',
  })
  await putMyRating(editor(), record479.id, null, { rating: 'true', note: '' })
  await putMyRating(checker(), over300.id, null, {
    rating: 'mostly_true',
    note: '"Over 300" holds for that night, as a floor: the air force counted 315.',
  })
  await putMyRating(editor(), over300.id, null, {
    rating: 'misleading',
    note: 'Read next to the 479, it suggests the attacks were smaller than the night before.',
  })

  // Both ratings are in: the checker drafts each verdict from them (the agreed rating; on "over 300", the
  // checker's of the two), citing the air force's count and reporters who saw the attack, two origins;
  // the editor publishes, so the dispute's public page shows both claims side by side.
  let { record: record479Verdict } = await saveDraft(checker(), record479.id, null, {
    rating: 'true',
    summary:
      'The air force counted 479 drones and 20 missiles on the night of 8–9 June, the largest attack of the war so far.',
    rationale:
      'Both raters found the claim true. The count is the air force’s own, published the morning after; reporters in several regions saw an attack of that scale through the night.\n\nThe count is of **8–9 June**, the night before the officials’ “over 300”.',
    citedEvidenceIds: [airForceCount.id, largestAttack.id],
  })
  record479Verdict = await submitVerdict(checker(), record479.id, record479Verdict.version)
  await publishVerdict(editor(), record479.id, record479Verdict.version, true)

  let { record: over300Verdict } = await saveDraft(checker(), over300.id, null, {
    rating: 'mostly_true',
    summary:
      'The air force counted 315 drones and seven missiles on the night of 9–10 June: over 300, on a different night from the record 479.',
    rationale:
      'The raters disagreed: one found the claim mostly true, the other misleading beside the record of the night before. The verdict takes mostly true: the air force’s count for the night of **9–10 June** is 315 drones and seven missiles, and reporters in Kyiv saw a long attack.\n\n- “Over 300” is a floor the count bears out.\n- Beside the record 479 it reads as a smaller attack, and it was one: the 479 were launched the night before.',
    citedEvidenceIds: [airForceNextCount.id, kyivOdesaAttack.id],
  })
  over300Verdict = await submitVerdict(checker(), over300.id, over300Verdict.version)
  await publishVerdict(editor(), over300.id, over300Verdict.version, true)

  // Dispute 3: Belgorod.
  const { record: belgorodDispute } = await createDispute(checker(), {
    title: 'Belgorod petrol station, June 2025',
    question: 'Did a Ukrainian drone attack kill a person at a petrol station in Belgorod region?',
    tags: ['russia', 'belgorod'],
  })
  await createClaim(checker(), belgorodDispute.id, {
    claimantId: belgorod.id,
    text: 'A Ukrainian drone attack on a petrol station killed one person.',
    shortText: 'A Ukrainian drone killed one person at a petrol station',
    statedOn: '2025-06-10',
    language: 'en',
  })

  // The conclusions come last: publishing freezes the claim relations set before it.
  let { record: strikesConclusion } = await saveConclusionDraft(checker(), strikes.id, null, {
    finding:
      'Both hold: the ministry’s targets may have been hit, and so were a maternity hospital, an emergency ward and homes.',
    rationale:
      'The ministry says every designated military-industrial target was hit; it does not say what else was. The Odesa governor’s account of a damaged **maternity hospital** is matched by a wire report and by photographs taken at the hospital, and Kyiv’s mayor reported casualties and damaged homes.\n\nThe claims do not contradict each other: the ministry’s statement is true in what it says and misleading in what it leaves out.',
  })
  strikesConclusion = await submitConclusion(checker(), strikes.id, strikesConclusion.version)
  await publishConclusion(editor(), strikes.id, strikesConclusion.version, true)

  const { record: numbersConclusion } = await saveConclusionDraft(checker(), numbers.id, null, {
    finding:
      'Both counts can be true: they are of different nights, 479 drones on 8–9 June and over 300 on 9–10 June.',
    rationale: 'The air force’s record count covers the night before the officials’ figure.',
  })
  await submitConclusion(checker(), numbers.id, numbersConclusion.version)
}
