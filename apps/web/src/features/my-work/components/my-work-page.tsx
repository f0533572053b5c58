import { plainText, trimAtWord } from '@counterclaim/domain'
import {
  type AssignedDispute,
  type Notification,
  roleAtLeast,
  type SessionUser,
  type WorkVerdict,
} from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { formatMoment } from '../../../components/dates.ts'
import { DueDate } from '../../../components/due-date.tsx'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { RatingBadge } from '../../../components/verdict-badges.tsx'
import { workbenchHref } from '../../../components/work-links.ts'
import { myWorkQuery } from '../api/my-work.ts'
import './my-work.css'

/** One list of my work, with its count; `after` follows the list when it has items. */
function Section<T>({
  id,
  title,
  items,
  empty,
  item,
  after,
}: {
  id: string
  title: string
  items: T[]
  empty: ReactNode
  item: (record: T) => ReactNode
  after?: ReactNode
}) {
  const { t } = useTranslation('myWork')
  return (
    <section aria-labelledby={id} className="work-section panel">
      <h2 id={id}>
        {title} <span className="count">{t('count', { count: items.length })}</span>
      </h2>
      {items.length === 0 ? (
        <EmptyMessage>{empty}</EmptyMessage>
      ) : (
        <>
          <ul className="work-list">{items.map(item)}</ul>
          {after}
        </>
      )}
    </section>
  )
}

function AssignedItem({ dispute }: { dispute: AssignedDispute }) {
  const others = dispute.assignees.map((p) => p.name)
  const { t } = useTranslation(['myWork', 'disputes'])
  return (
    <li className={dispute.overdue ? 'work-item is-overdue' : 'work-item'}>
      <p className="work-title">
        <Link to={workbenchHref(dispute.id)} dir="auto">
          {dispute.title}
        </Link>
      </p>
      <p className="small">
        <DueDate dueOn={dispute.dueOn} overdue={dispute.overdue} />
        {' · '}
        <span className={`dispute-status status-word-${dispute.status}`}>
          {dispute.status === 'open' || dispute.status === 'closed'
            ? t(`disputes:statusWord.${dispute.status}`)
            : dispute.status}
        </span>
        {' · '}
        {t('claims', { count: dispute.claimCount })}
      </p>
      <p className="muted small">
        <Trans
          t={t}
          i18nKey="assignedPeople"
          values={{ names: others.join(', ') }}
          components={{ names: <span dir="auto" /> }}
        />
      </p>
    </li>
  )
}

/** The claim a verdict is about, by its short form or the start of its text. */
const claimWords = (v: WorkVerdict) => v.shortText ?? trimAtWord(v.claimText, 90)

/** A verdict's claim, linked on its workbench, and its dispute. */
function VerdictTitle({ verdict }: { verdict: WorkVerdict }) {
  const { t } = useTranslation('myWork')
  return (
    <p className="work-title">
      <Link to={workbenchHref(verdict.dispute.id, { claimId: verdict.claimId })} dir="auto">
        {claimWords(verdict)}
      </Link>{' '}
      <span className="muted small">
        <Trans
          t={t}
          i18nKey="inDispute"
          values={{ title: verdict.dispute.title }}
          components={{ title: <span dir="auto" /> }}
        />
      </span>
    </p>
  )
}

function ReturnedItem({ verdict }: { verdict: WorkVerdict }) {
  const { t } = useTranslation('myWork')
  return (
    <li className="work-item">
      <VerdictTitle verdict={verdict} />
      <blockquote className="work-note">
        <p className="small">
          <strong>
            {verdict.returnedBy ? (
              <Trans
                t={t}
                i18nKey="returnedBy"
                values={{ who: verdict.returnedBy.name }}
                components={{ who: <span dir="auto" /> }}
              />
            ) : (
              t('returnedByEditor')
            )}
            {' · '}
            <time dateTime={verdict.at}>{formatMoment(verdict.at)}</time>
          </strong>
        </p>
        {verdict.note ? <p dir="auto">{verdict.note}</p> : <p>{t('noNote')}</p>}
      </blockquote>
    </li>
  )
}

function ReviewItem({ verdict }: { verdict: WorkVerdict }) {
  const { t } = useTranslation('myWork')
  const at = <time dateTime={verdict.at} />
  return (
    <li className="work-item">
      <VerdictTitle verdict={verdict} />
      <p className="small">
        {verdict.rating ? <RatingBadge rating={verdict.rating} /> : <span>{t('noRating')}</span>}
        {' · '}
        <Trans
          t={t}
          i18nKey={verdict.author ? 'submittedBy' : 'submittedByUnknown'}
          values={{ who: verdict.author?.name ?? '', at: formatMoment(verdict.at) }}
          components={{ who: <span dir="auto" />, at }}
        />
      </p>
    </li>
  )
}

function MentionItem({ mention }: { mention: Notification }) {
  const href = mention.dispute
    ? workbenchHref(mention.dispute.id, { claimId: mention.claimId, commentId: mention.commentId })
    : null
  const { t } = useTranslation('myWork')
  const said = mention.actor ? (
    <Trans
      t={t}
      i18nKey="mentioned"
      values={{ who: mention.actor.name }}
      components={{ who: <span dir="auto" /> }}
    />
  ) : (
    t('mentionedBySomeone')
  )
  return (
    <li className={mention.readAt === null ? 'work-item is-unread' : 'work-item'}>
      <p className="work-title">
        {href ? <Link to={href}>{said}</Link> : said}
        {mention.dispute ? (
          <span className="muted small">
            {' '}
            <Trans
              t={t}
              i18nKey="inDispute"
              values={{ title: mention.dispute.title }}
              components={{ title: <span dir="auto" /> }}
            />
          </span>
        ) : null}
        {mention.readAt === null ? <span className="unread-word small"> · {t('unread')}</span> : null}
      </p>
      {mention.note ? (
        <p className="work-excerpt">
          “<span dir="auto">{trimAtWord(plainText(mention.note), 200)}</span>”
        </p>
      ) : null}
      <p className="muted small">
        <time dateTime={mention.createdAt}>{formatMoment(mention.createdAt)}</time>
      </p>
    </li>
  )
}

/** The signed-in home: what is assigned to me (overdue first), returned to me, waiting for my review, and mentions. */
export function MyWorkPage({ user }: { user: SessionUser }) {
  const work = useQuery(myWorkQuery())
  const { t } = useTranslation(['myWork', 'common'])
  const isEditor = roleAtLeast(user.role, 'editor')

  return (
    <section aria-labelledby="my-work-heading" className="page my-work">
      <title>{t('common:pageTitle', { title: t('title') })}</title>
      <div className="page-head">
        <h1 id="my-work-heading">{t('title')}</h1>
        <Link to="/disputes">{t('allDisputes')}</Link>
      </div>
      {work.isPending ? <LoadingMessage>{t('loading')}</LoadingMessage> : null}
      {work.error ? (
        <ErrorMessage title={t('failed')} error={work.error} onRetry={() => work.refetch()} />
      ) : null}
      {work.data ? (
        <div className="work-sections">
          <Section
            id="assigned-heading"
            title={t('assigned.title')}
            items={work.data.assigned}
            empty={t('assigned.empty')}
            item={(d) => <AssignedItem key={d.id} dispute={d} />}
          />
          <Section
            id="returned-heading"
            title={t('returned.title')}
            items={work.data.returnedToMe}
            empty={t('returned.empty')}
            item={(v) => <ReturnedItem key={v.claimId} verdict={v} />}
          />
          {isEditor ? (
            <Section
              id="review-heading"
              title={t('review.title')}
              items={work.data.awaitingMyReview}
              empty={t('review.empty')}
              item={(v) => <ReviewItem key={v.claimId} verdict={v} />}
              after={
                <p className="small">
                  <Link to="/review">{t('review.openQueue')}</Link>
                </p>
              }
            />
          ) : null}
          <Section
            id="mentions-heading"
            title={t('mentions.title')}
            items={work.data.mentions}
            empty={t('mentions.empty')}
            item={(m) => <MentionItem key={m.id} mention={m} />}
          />
        </div>
      ) : null}
    </section>
  )
}
