import {
  DOMAIN_CATALOGUES,
  fieldLabel,
  type HistoryEvent,
  RATING_SCALE,
  type Rating,
  type WorkbenchClaim,
  type WorkbenchEvidence,
} from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import type { TFunction } from 'i18next'
import { type ReactNode, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { unattributedClaimName } from '../../../components/claimant-name.tsx'
import { formatMoment } from '../../../components/dates.ts'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { placed, slot, UserText } from '../../../i18n/sentence-tags.tsx'
import { historyQuery } from '../api/workbench.ts'
import { changeWords } from '../hooks/use-dispute-events.ts'
import { claimName } from './evidence-matrix.tsx'

type T = TFunction<['verdicts', 'domain']>

/** A field's name in words, in the interface's language where the domain's catalogue has it. */
function fieldWords(key: string, t: T): string {
  return key in DOMAIN_CATALOGUES.en.field
    ? t(`domain:field.${key as keyof typeof DOMAIN_CATALOGUES.en.field}`)
    : (fieldLabel(key) ?? key)
}

/** The fields an event changed, in words: "Text, Short form". */
function changedFields(event: HistoryEvent, t: T): string[] {
  const { before, after } = event
  if (typeof before !== 'object' || before === null || typeof after !== 'object' || after === null) return []
  const b = before as Record<string, unknown>
  const a = after as Record<string, unknown>
  // `quantity` is the first of `quantities` in the older shape: one change, said once.
  const ignored = new Set(['version', 'updatedAt', 'createdAt', 'excerptSha256', 'modifiedAt', 'quantity'])
  return Object.keys(a)
    .filter((k) => !ignored.has(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((key) => fieldWords(key, t))
}

const field = (record: unknown, key: string): string | null => {
  if (typeof record !== 'object' || record === null) return null
  const value = (record as Record<string, unknown>)[key]
  return typeof value === 'string' ? value : null
}

interface Names {
  claims: ReadonlyMap<string, string>
  evidence: ReadonlyMap<string, string>
}

const STANCE_ACTIONS = ['created', 'updated', 'archived'] as const
const RELATION_ACTIONS = ['created', 'updated', 'cleared'] as const
const REPLY_ACTIONS = ['created', 'updated', 'archived', 'restored'] as const
const oneOf = <A extends string>(actions: readonly A[], action: string): action is A =>
  (actions as readonly string[]).includes(action)
const isStance = (v: string | null): v is keyof typeof DOMAIN_CATALOGUES.en.stance =>
  v !== null && v in DOMAIN_CATALOGUES.en.stance
const isRelation = (v: string | null): v is keyof typeof DOMAIN_CATALOGUES.en.relation =>
  v !== null && v in DOMAIN_CATALOGUES.en.relation
const isRating = (v: string | null): v is Rating => RATING_SCALE.some((r) => r.rating === v)

/**
 * An event in words, naming the claim and the evidence it touched; the names people gave (claims, evidence,
 * contacts) laid out as their own text. The words for a step (verdict, conclusion, claim…) are the live
 * notices' own (`changeWords`).
 */
function describe(event: HistoryEvent, names: Names, t: T): ReactNode {
  const record = event.after ?? event.before
  const { action } = event
  const claimId = field(record, 'claimId')
  const claimName = claimId ? names.claims.get(claimId) : undefined
  const claimNode = claimName ? <UserText>{claimName}</UserText> : null
  const onClaim = (change: string, nodes: Record<string, ReactNode> = {}) =>
    claimNode
      ? placed(t('verdicts:history.onClaim', { change, claim: slot('claim') }), {
          ...nodes,
          claim: claimNode,
        })
      : placed(change, nodes)
  switch (event.entity) {
    case 'stance': {
      if (!oneOf(STANCE_ACTIONS, action)) break
      const evidenceId = field(record, 'evidenceId')
      const evidence = evidenceId ? names.evidence.get(evidenceId) : undefined
      const stance = field(event.after, 'stance')
      const values = {
        evidence: slot('evidence'),
        claim: slot('claim'),
        stance: isStance(stance) ? t(`domain:stance.${stance}`) : t('verdicts:history.noStance'),
      }
      const text = claimNode
        ? t(`verdicts:history.stanceOnClaim.${action}`, values)
        : t(`verdicts:history.stance.${action}`, values)
      return placed(text, {
        evidence: evidence ? <UserText>{evidence}</UserText> : t('verdicts:history.evidence'),
        claim: claimNode,
      })
    }
    case 'claim_rating': {
      const rating = field(event.after, 'rating')
      const text = t(action === 'created' ? 'verdicts:history.rated' : 'verdicts:history.rerated', {
        claim: slot('claim'),
        rating: isRating(rating) ? t(`domain:rating.${rating}`) : t('verdicts:history.noRating'),
      })
      return placed(text, { claim: claimNode ?? t('verdicts:history.theClaim') })
    }
    case 'claim_relation': {
      if (!oneOf(RELATION_ACTIONS, action)) break
      const otherId = field(record, 'otherClaimId')
      const other = otherId ? names.claims.get(otherId) : undefined
      const kind = field(event.after, 'kind')
      const text = t(`verdicts:history.relation.${action}`, {
        claim: slot('claim'),
        other: slot('other'),
        kind: isRelation(kind) ? t(`domain:relation.${kind}`) : t('verdicts:history.noRelation'),
      })
      return placed(text, {
        claim: claimNode ?? t('verdicts:history.aClaim'),
        other: other ? <UserText>{other}</UserText> : t('verdicts:history.anotherClaim'),
      })
    }
    case 'verdict':
      return onClaim(changeWords('verdict', action))
    case 'conclusion':
      return changeWords('conclusion', action)
    case 'claim': {
      const own = names.claims.get(event.entityId)
      return own
        ? placed(changeWords('claim', action, slot('claim')), { claim: <UserText>{own}</UserText> })
        : changeWords('claim', action)
    }
    case 'reply_attempt': {
      const contact = field(record, 'contact')
      const nodes = { contact: contact ? <UserText>{contact}</UserText> : t('verdicts:history.theClaimant') }
      if (action === 'answered')
        return onClaim(t('verdicts:history.replyAnswered', { contact: slot('contact') }), nodes)
      if (oneOf(REPLY_ACTIONS, action))
        return onClaim(t(`verdicts:history.reply.${action}`, { contact: slot('contact') }), nodes)
      break
    }
  }
  const change = changeWords(event.entity, action)
  const title = field(record, 'title') ?? field(record, 'name')
  return title
    ? placed(t('verdicts:history.titled', { change, title: slot('title') }), {
        title: <UserText>{title}</UserText>,
      })
    : change
}

/** Who changed what, newest first: the whole dispute, or one claim with its verdict and stances. */
export function HistoryPanel({
  disputeId,
  claims,
  evidence,
  subject,
  onSubject,
}: {
  disputeId: string
  claims: readonly WorkbenchClaim[]
  evidence: readonly WorkbenchEvidence[]
  /** 'dispute', or a claim id. */
  subject: string
  onSubject: (subject: string) => void
}) {
  const { t } = useTranslation(['verdicts', 'domain'])
  const selectId = useId()
  const headingId = useId()
  const entity = subject === 'dispute' ? 'dispute' : 'claim'
  const names: Names = {
    claims: new Map(claims.map((c) => [c.id, claimName(c, claims)])),
    evidence: new Map(evidence.map((e) => [e.id, e.title])),
  }
  const history = useQuery(historyQuery(entity, subject === 'dispute' ? disputeId : subject))
  return (
    <section className="panel history-panel" aria-labelledby={headingId} id="history">
      <div className="section-head">
        <h2 id={headingId}>{t('verdicts:history.heading')}</h2>
        <label htmlFor={selectId}>{t('verdicts:history.showOf')}</label>
        <select id={selectId} value={subject} onChange={(e) => onSubject(e.target.value)}>
          <option value="dispute">{t('verdicts:history.wholeDispute')}</option>
          {claims.map((c) => (
            <option key={c.id} value={c.id} dir="auto">
              {c.claimant
                ? t(c.shortText ? 'verdicts:history.claimOptionShort' : 'verdicts:history.claimOption', {
                    // "Oleg Kiper's", "Charles'": a name ending in s takes the English possessive's other form.
                    whose: t('verdicts:history.whose', {
                      name: c.claimant.name,
                      context: /s$/.test(c.claimant.name) ? 's' : undefined,
                    }),
                    short: c.shortText,
                  })
                : unattributedClaimName(c.shortText)}
            </option>
          ))}
        </select>
      </div>
      {history.isPending ? <LoadingMessage>{t('verdicts:history.loading')}</LoadingMessage> : null}
      {history.error ? (
        <ErrorMessage
          title={t('verdicts:history.loadFailed')}
          error={history.error}
          onRetry={() => history.refetch()}
        />
      ) : null}
      {history.data && history.data.items.length === 0 ? (
        <EmptyMessage>{t('verdicts:history.empty')}</EmptyMessage>
      ) : null}
      {history.data && history.data.items.length > 0 ? (
        <ol className="history-list">
          {history.data.items.map((event) => {
            const fields = event.action === 'updated' ? changedFields(event, t) : []
            return (
              <li key={event.id}>
                <time dateTime={event.at}>{formatMoment(event.at)}</time>
                {event.actor ? (
                  <span className="actor" dir="auto">
                    {event.actor.name}
                  </span>
                ) : (
                  <span className="actor">{t('verdicts:history.system')}</span>
                )}
                <span>
                  {describe(event, names, t)}
                  {fields.length ? (
                    <span className="muted">
                      {t('verdicts:history.changedFields', { fields: fields.join(', ') })}
                    </span>
                  ) : null}
                </span>
              </li>
            )
          })}
        </ol>
      ) : null}
      {history.data?.nextCursor ? <p className="muted small">{t('verdicts:history.latest')}</p> : null}
    </section>
  )
}
