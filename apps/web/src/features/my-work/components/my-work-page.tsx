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
  return (
    <section aria-labelledby={id} className="work-section panel">
      <h2 id={id}>
        {title} <span className="count">({items.length})</span>
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
  return (
    <li className={dispute.overdue ? 'work-item is-overdue' : 'work-item'}>
      <p className="work-title">
        <Link to={workbenchHref(dispute.id)}>{dispute.title}</Link>
      </p>
      <p className="small">
        <DueDate dueOn={dispute.dueOn} overdue={dispute.overdue} />
        {' · '}
        <span className={`dispute-status status-word-${dispute.status}`}>{dispute.status}</span>
        {' · '}
        {dispute.claimCount === 1 ? '1 claim' : `${dispute.claimCount} claims`}
      </p>
      <p className="muted small">Assigned: {others.join(', ')}</p>
    </li>
  )
}

/** The claim a verdict is about, by its short form or the start of its text. */
const claimWords = (v: WorkVerdict) => v.shortText ?? trimAtWord(v.claimText, 90)

/** A verdict's claim, linked on its workbench, and its dispute. */
function VerdictTitle({ verdict }: { verdict: WorkVerdict }) {
  return (
    <p className="work-title">
      <Link to={workbenchHref(verdict.dispute.id, { claimId: verdict.claimId })}>{claimWords(verdict)}</Link>{' '}
      <span className="muted small">in {verdict.dispute.title}</span>
    </p>
  )
}

function ReturnedItem({ verdict }: { verdict: WorkVerdict }) {
  return (
    <li className="work-item">
      <VerdictTitle verdict={verdict} />
      <blockquote className="work-note">
        <p className="small">
          <strong>
            Returned by {verdict.returnedBy?.name ?? 'an editor'}
            {' · '}
            <time dateTime={verdict.at}>{formatMoment(verdict.at)}</time>
          </strong>
        </p>
        <p>{verdict.note ?? 'No note was given.'}</p>
      </blockquote>
    </li>
  )
}

function ReviewItem({ verdict }: { verdict: WorkVerdict }) {
  return (
    <li className="work-item">
      <VerdictTitle verdict={verdict} />
      <p className="small">
        {verdict.rating ? <RatingBadge rating={verdict.rating} /> : <span>No rating yet</span>}
        {' · '}by {verdict.author?.name ?? 'unknown'}, submitted{' '}
        <time dateTime={verdict.at}>{formatMoment(verdict.at)}</time>
      </p>
    </li>
  )
}

function MentionItem({ mention }: { mention: Notification }) {
  const href = mention.dispute
    ? workbenchHref(mention.dispute.id, { claimId: mention.claimId, commentId: mention.commentId })
    : null
  const who = mention.actor?.name ?? 'Someone'
  return (
    <li className={mention.readAt === null ? 'work-item is-unread' : 'work-item'}>
      <p className="work-title">
        {href ? <Link to={href}>{`${who} mentioned you`}</Link> : `${who} mentioned you`}
        {mention.dispute ? <span className="muted small"> in {mention.dispute.title}</span> : null}
        {mention.readAt === null ? <span className="unread-word small"> · unread</span> : null}
      </p>
      {mention.note ? <p className="work-excerpt">“{trimAtWord(plainText(mention.note), 200)}”</p> : null}
      <p className="muted small">
        <time dateTime={mention.createdAt}>{formatMoment(mention.createdAt)}</time>
      </p>
    </li>
  )
}

/** The signed-in home: what is assigned to me (overdue first), returned to me, waiting for my review, and mentions. */
export function MyWorkPage({ user }: { user: SessionUser }) {
  const work = useQuery(myWorkQuery())
  const isEditor = roleAtLeast(user.role, 'editor')

  return (
    <section aria-labelledby="my-work-heading" className="page my-work">
      <title>My work · Counterclaim</title>
      <div className="page-head">
        <h1 id="my-work-heading">My work</h1>
        <Link to="/disputes">All disputes</Link>
      </div>
      {work.isPending ? <LoadingMessage>Loading your work…</LoadingMessage> : null}
      {work.error ? (
        <ErrorMessage
          title="Your work could not be loaded."
          error={work.error}
          onRetry={() => work.refetch()}
        />
      ) : null}
      {work.data ? (
        <div className="work-sections">
          <Section
            id="assigned-heading"
            title="Assigned to me"
            items={work.data.assigned}
            empty="No disputes are assigned to you. Editors assign them from the disputes list."
            item={(d) => <AssignedItem key={d.id} dispute={d} />}
          />
          <Section
            id="returned-heading"
            title="Returned to me"
            items={work.data.returnedToMe}
            empty="None of your drafts has been returned."
            item={(v) => <ReturnedItem key={v.claimId} verdict={v} />}
          />
          {isEditor ? (
            <Section
              id="review-heading"
              title="Awaiting my review"
              items={work.data.awaitingMyReview}
              empty="No verdicts are waiting for your review."
              item={(v) => <ReviewItem key={v.claimId} verdict={v} />}
              after={
                <p className="small">
                  <Link to="/review">Open the review queue</Link>
                </p>
              }
            />
          ) : null}
          <Section
            id="mentions-heading"
            title="Mentions"
            items={work.data.mentions}
            empty="No one has mentioned you in a comment yet."
            item={(m) => <MentionItem key={m.id} mention={m} />}
          />
        </div>
      ) : null}
    </section>
  )
}
