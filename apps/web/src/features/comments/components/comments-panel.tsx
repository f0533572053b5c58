import { renderMarkdown } from '@counterclaim/domain'
import { COMMENT_MAX, type Comment, type Person } from '@counterclaim/shared'
import { type QueryKey, type UseQueryOptions, useQuery } from '@tanstack/react-query'
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { ActionError } from '../../../components/action-error.tsx'
import { formatMoment } from '../../../components/dates.ts'
import { Form } from '../../../components/field.tsx'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { useScrollToHash } from '../../../components/use-scroll-to-hash.ts'
import { commentAnchor } from '../../../components/work-links.ts'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'
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
  const { t } = useTranslation('comments')
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

  const about = (c: Comment): ReactNode => {
    if (c.claimId) {
      const claim = claims.find((x) => x.id === c.claimId)
      return claim ? (
        <Trans t={t} i18nKey="aboutClaim" values={{ claim: claim.label }} components={SENTENCE_TAGS} />
      ) : (
        t('aboutClaimGone')
      )
    }
    if (c.evidenceId) {
      const item = evidence.find((x) => x.id === c.evidenceId)
      return item ? (
        <Trans t={t} i18nKey="aboutEvidence" values={{ title: item.title }} components={SENTENCE_TAGS} />
      ) : (
        t('aboutEvidenceGone')
      )
    }
    return t('onDispute')
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!body.trim()) {
      setProblem(t('writeFirst'))
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
        <Trans
          t={t}
          i18nKey="heading"
          values={{ count: items.length }}
          components={{ count: <span className="count" /> }}
        />
      </h2>
      {comments.isPending ? <LoadingMessage>{t('loading')}</LoadingMessage> : null}
      {comments.error ? (
        <ErrorMessage title={t('loadFailed')} error={comments.error} onRetry={() => comments.refetch()} />
      ) : null}
      {comments.isSuccess && items.length === 0 ? <EmptyMessage>{t('empty')}</EmptyMessage> : null}
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
                  aria-labelledby={`${commentAnchor(c.id)}-by`}
                >
                  <span id={`${commentAnchor(c.id)}-by`} hidden>
                    <Trans t={t} i18nKey="by" values={{ name: c.author.name }} components={SENTENCE_TAGS} />
                  </span>
                  <p className="comment-head small">
                    <strong dir="auto">{c.author.name}</strong> ·{' '}
                    {pending ? t('sending') : <time dateTime={c.createdAt}>{formatMoment(c.createdAt)}</time>}{' '}
                    · <span className="comment-about">{about(c)}</span>
                  </p>
                  <div
                    className="comment-body"
                    dir="auto"
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
        <h3 id={formHeadingId}>{t('newComment')}</h3>
        <div className="form-field">
          <label htmlFor={`${formHeadingId}-about`}>{t('about')}</label>
          <select
            id={`${formHeadingId}-about`}
            value={subjectValue(subject)}
            onChange={(e) => onSubject(subjectFrom(e.target.value))}
          >
            <option value="">{t('wholeDispute')}</option>
            {claims.length > 0 ? (
              <optgroup label={t('aClaim')}>
                {claims.map((c) => (
                  <option key={c.id} value={`claim:${c.id}`} dir="auto">
                    {c.label}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {evidence.length > 0 ? (
              <optgroup label={t('anEvidenceItem')}>
                {evidence.map((e) => (
                  <option key={e.id} value={`evidence:${e.id}`} dir="auto">
                    {e.title}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </div>
        <MentionTextarea
          label={t('label')}
          dir="auto"
          path="body"
          error={add.error}
          problem={problem}
          people={people.data ?? []}
          value={body}
          onValue={setBody}
          rows={4}
          maxLength={COMMENT_MAX}
          hint={<Trans t={t} i18nKey="hint" components={SENTENCE_TAGS} />}
        />
        <ActionError error={add.error} action={t('notPosted')} />
        <div className="actions">
          <button type="submit" className="primary">
            {t('post')}
          </button>
        </div>
      </Form>
    </section>
  )
}
