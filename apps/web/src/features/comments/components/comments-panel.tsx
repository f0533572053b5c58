import { renderMarkdown } from '@counterclaim/domain'
import { COMMENT_MAX, type Comment, type Person } from '@counterclaim/shared'
import { type QueryKey, type UseQueryOptions, useQuery } from '@tanstack/react-query'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { formatMoment } from '../../../components/dates.ts'
import { Form } from '../../../components/field.tsx'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { useScrollToHash } from '../../../components/use-scroll-to-hash.ts'
import { commentAnchor } from '../../../components/work-links.ts'
import { commentListQuery, type PendingComment, useAddComment } from '../api/comments.ts'
import { MentionTextarea } from './mention-textarea.tsx'
import './comments.css'

/** What a comment may be about: the dispute as a whole, one claim, or one evidence item. */
export type CommentSubject = { claimId: string } | { evidenceId: string } | null

/** The desk's people, for `@` completion: the query belongs to another feature, so the shell passes it in. */
export type PeopleQuery<K extends QueryKey = QueryKey> = () => UseQueryOptions<Person[], Error, Person[], K>

const subjectValue = (s: CommentSubject) =>
  s === null ? '' : 'claimId' in s ? `claim:${s.claimId}` : `evidence:${s.evidenceId}`

function subjectFrom(value: string): CommentSubject {
  const [kind, id] = value.split(':')
  if (!id) return null
  return kind === 'claim' ? { claimId: id } : { evidenceId: id }
}

/**
 * A dispute's comments: each with its author, when, what it is about and its Markdown rendered as verdict
 * rationales are (no raw HTML); and a form to add one about the dispute, a claim or an evidence item, with
 * `@` mentions completed from the desk's people. A posted comment shows at once.
 */
export function CommentsPanel<K extends QueryKey>({
  disputeId,
  user,
  claims,
  evidence,
  subject,
  onSubject,
  focusRequest,
  peopleQuery,
  onPosted,
}: {
  disputeId: string
  user: Person
  claims: readonly { id: string; label: string }[]
  evidence: readonly { id: string; title: string }[]
  subject: CommentSubject
  onSubject: (subject: CommentSubject) => void
  /** Changes when a "Comment" action elsewhere on the page asks for the form: it takes the focus. */
  focusRequest: number
  peopleQuery: PeopleQuery<K>
  /** After a comment is posted: what else shows it (the dispute's history) reads again. */
  onPosted?: () => void
}) {
  const comments = useQuery(commentListQuery(disputeId))
  const people = useQuery(peopleQuery())
  const add = useAddComment(disputeId, user)
  const [body, setBody] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const headingId = useId()
  const formHeadingId = useId()
  const section = useRef<HTMLElement>(null)
  const items = comments.data?.items ?? []
  useScrollToHash(comments.isSuccess)

  useEffect(() => {
    if (focusRequest === 0) return
    section.current?.scrollIntoView({ block: 'start' })
    section.current?.querySelector('textarea')?.focus()
  }, [focusRequest])

  const about = (c: Comment): string => {
    if (c.claimId) return `About ${claims.find((x) => x.id === c.claimId)?.label ?? 'a claim no longer here'}`
    if (c.evidenceId) {
      const item = evidence.find((x) => x.id === c.evidenceId)
      return item ? `About the evidence “${item.title}”` : 'About evidence no longer here'
    }
    return 'On the dispute'
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!body.trim()) {
      setProblem('Write something first.')
      return
    }
    setProblem(null)
    const id = crypto.randomUUID()
    const text = body
    add.mutate(
      { id, body: text, ...(subject ?? {}) },
      { onError: () => setBody((now) => now || text), onSuccess: () => onPosted?.() },
    )
    setBody('')
  }

  return (
    <section id="comments" ref={section} aria-labelledby={headingId} className="comments-section panel">
      <h2 id={headingId}>
        Comments <span className="count">({items.length})</span>
      </h2>
      {comments.isPending ? <LoadingMessage>Loading comments…</LoadingMessage> : null}
      {comments.error ? (
        <ErrorMessage
          title="The comments could not be loaded."
          error={comments.error}
          onRetry={() => comments.refetch()}
        />
      ) : null}
      {comments.isSuccess && items.length === 0 ? (
        <EmptyMessage>
          No comments yet. Ask a colleague, leave a note for the desk, or mention someone with @.
        </EmptyMessage>
      ) : null}
      {items.length > 0 ? (
        <ol className="comment-list">
          {items.map((c) => {
            const pending = 'pending' in c && (c as PendingComment).pending
            return (
              <li key={c.id}>
                <article
                  id={commentAnchor(c.id)}
                  tabIndex={-1}
                  className={pending ? 'comment is-pending' : 'comment'}
                  aria-label={`Comment by ${c.author.name}`}
                >
                  <p className="comment-head small">
                    <strong>{c.author.name}</strong> ·{' '}
                    {pending ? 'sending…' : <time dateTime={c.createdAt}>{formatMoment(c.createdAt)}</time>} ·{' '}
                    <span className="comment-about">{about(c)}</span>
                  </p>
                  <div
                    className="comment-body"
                    // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown escapes raw HTML and keeps only http(s) links
                    dangerouslySetInnerHTML={{ __html: renderMarkdown(c.body) }}
                  />
                </article>
              </li>
            )
          })}
        </ol>
      ) : null}
      <Form className="form-grid comment-form" onSubmit={submit} aria-labelledby={formHeadingId} noValidate>
        <h3 id={formHeadingId}>New comment</h3>
        <div className="form-field">
          <label htmlFor={`${formHeadingId}-about`}>About</label>
          <select
            id={`${formHeadingId}-about`}
            value={subjectValue(subject)}
            onChange={(e) => onSubject(subjectFrom(e.target.value))}
          >
            <option value="">The whole dispute</option>
            {claims.length > 0 ? (
              <optgroup label="A claim">
                {claims.map((c) => (
                  <option key={c.id} value={`claim:${c.id}`}>
                    {c.label}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {evidence.length > 0 ? (
              <optgroup label="An evidence item">
                {evidence.map((e) => (
                  <option key={e.id} value={`evidence:${e.id}`}>
                    {e.title}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </div>
        <MentionTextarea
          label="Comment"
          path="body"
          error={add.error}
          problem={problem}
          people={people.data ?? []}
          value={body}
          onValue={setBody}
          rows={4}
          maxLength={COMMENT_MAX}
          hint="Markdown: **bold**, *italic*, lists with “- ”, links as [text](https://…). Type @ and a name to mention someone: they are told."
        />
        <ActionError error={add.error} action="The comment was not posted." />
        <div className="actions">
          <button type="submit" className="primary">
            Post comment
          </button>
        </div>
      </Form>
    </section>
  )
}
