import { replyLine } from '@counterclaim/domain'
import { LIMITS, REPLY_ANSWER_MAX, type ReplyAttempt, type ReplyChannel } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { type FormEvent, useId, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { formatDay } from '../../../components/dates.ts'
import { Field, Form } from '../../../components/field.tsx'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { replyListQuery, useAddReply, useUpdateReply } from '../api/replies.ts'
import './replies.css'

const CHANNELS: Array<[ReplyChannel, string]> = [
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['message', 'Message'],
  ['social_media', 'Social media'],
  ['in_person', 'In person'],
  ['letter', 'Letter'],
  ['other', 'Other'],
]

/** Today as YYYY-MM-DD in the reader's own calendar. */
function today(): string {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

function AddAttemptForm({ claimId, onDone }: { claimId: string; onDone: () => void }) {
  const add = useAddReply(claimId)
  const [id] = useState(() => crypto.randomUUID())
  const [askedOn, setAskedOn] = useState(today)
  const [channel, setChannel] = useState<ReplyChannel>('email')
  const [contact, setContact] = useState('')
  const [question, setQuestion] = useState('')
  const [replyBy, setReplyBy] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    add.mutate({ id, askedOn, channel, contact, question, replyBy: replyBy || null }, { onSuccess: onDone })
  }
  return (
    <Form className="reply-form" onSubmit={submit} aria-label="Add an attempt to reach the claimant">
      <Field
        label="Whom you asked"
        path="contact"
        error={add.error}
        maxLength={LIMITS.name}
        value={contact}
        onChange={(e) => setContact(e.target.value)}
        required
        hint="Such as “the ministry’s press office”."
      />
      <Field
        as="select"
        label="How"
        path="channel"
        error={add.error}
        value={channel}
        onChange={(e) => setChannel(e.target.value as ReplyChannel)}
      >
        {CHANNELS.map(([value, words]) => (
          <option key={value} value={value}>
            {words}
          </option>
        ))}
      </Field>
      <Field
        type="date"
        label="Asked on"
        path="askedOn"
        error={add.error}
        value={askedOn}
        onChange={(e) => setAskedOn(e.target.value)}
        required
      />
      <Field
        as="textarea"
        label="What you asked"
        path="question"
        error={add.error}
        maxLength={LIMITS.claimText}
        rows={3}
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
        required
      />
      <Field
        type="date"
        label="Reply by"
        labelNote=" (optional)"
        path="replyBy"
        error={add.error}
        value={replyBy}
        onChange={(e) => setReplyBy(e.target.value)}
      />
      <ActionError error={add.error} action="The attempt was not logged." />
      <div className="actions compact">
        <button type="submit" disabled={add.isPending}>
          {add.isPending ? 'Saving…' : 'Log the attempt'}
        </button>
        <button type="button" className="link-button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </Form>
  )
}

function RecordReplyForm({
  claimId,
  entry,
  onDone,
}: {
  claimId: string
  entry: ReplyAttempt
  onDone: () => void
}) {
  const update = useUpdateReply(claimId)
  const [answer, setAnswer] = useState('')
  const [answeredOn, setAnsweredOn] = useState(today)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    update.mutate(
      { id: entry.id, version: entry.version, json: { answer, answeredOn } },
      { onSuccess: onDone },
    )
  }
  return (
    <Form className="reply-form" onSubmit={submit} aria-label={`Record the reply of ${entry.contact}`}>
      <Field
        as="textarea"
        label="Their reply"
        path="answer"
        error={update.error}
        maxLength={REPLY_ANSWER_MAX}
        rows={3}
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
        required
      />
      <Field
        type="date"
        label="Replied on"
        path="answeredOn"
        error={update.error}
        value={answeredOn}
        onChange={(e) => setAnsweredOn(e.target.value)}
        required
      />
      <ActionError error={update.error} action="The reply was not saved." onReload={onDone} />
      <div className="actions compact">
        <button type="submit" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save the reply'}
        </button>
        <button type="button" className="link-button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </Form>
  )
}

/**
 * A claim's right-of-reply log: whom the desk asked, when and how, and what they answered; an entry made by
 * mistake can be taken off the log and put back.
 */
export function ClaimReplies({ claimId, claimLabel }: { claimId: string; claimLabel: string }) {
  const headingId = useId()
  const log = useQuery(replyListQuery(claimId))
  const update = useUpdateReply(claimId)
  const [adding, setAdding] = useState(false)
  const [recording, setRecording] = useState<string | null>(null)
  const [removed, setRemoved] = useState<ReplyAttempt | null>(null)
  const day = today()
  return (
    <section className="claim-replies" aria-labelledby={headingId}>
      <h4 id={headingId}>
        Right of reply<span className="visually-hidden"> for {claimLabel}</span>
      </h4>
      {log.isPending ? (
        <LoadingMessage>Loading the reply log…</LoadingMessage>
      ) : log.isError ? (
        <ErrorMessage
          title="The reply log could not be loaded."
          error={log.error}
          onRetry={() => log.refetch()}
        />
      ) : log.data.items.length === 0 ? (
        <EmptyMessage>No attempt to reach the claimant is logged yet.</EmptyMessage>
      ) : (
        <ol className="reply-log">
          {log.data.items.map((entry) => (
            <li key={entry.id}>
              <p className="small">{replyLine(entry, formatDay, day)}</p>
              {recording === entry.id ? (
                <RecordReplyForm claimId={claimId} entry={entry} onDone={() => setRecording(null)} />
              ) : (
                <div className="actions compact">
                  {entry.answer === null ? (
                    <button type="button" className="link-button" onClick={() => setRecording(entry.id)}>
                      Record the reply<span className="visually-hidden"> of {entry.contact}</span>
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="link-button"
                    disabled={update.isPending}
                    onClick={() =>
                      update.mutate(
                        { id: entry.id, version: entry.version, json: { archived: true } },
                        { onSuccess: (record) => setRemoved(record) },
                      )
                    }
                  >
                    Remove<span className="visually-hidden"> the attempt to reach {entry.contact}</span>
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {removed ? (
        <p role="status" className="small">
          Removed the attempt to reach {removed.contact}.{' '}
          <button
            type="button"
            className="link-button"
            disabled={update.isPending}
            onClick={() =>
              update.mutate(
                { id: removed.id, version: removed.version, json: { archived: false } },
                { onSuccess: () => setRemoved(null) },
              )
            }
          >
            Undo
          </button>
        </p>
      ) : null}
      <ActionError error={update.error} action="The log was not changed." onReload={() => log.refetch()} />
      <button
        type="button"
        className="link-button"
        aria-expanded={adding}
        onClick={() => setAdding((open) => !open)}
      >
        Add an attempt<span className="visually-hidden"> to reach the claimant of {claimLabel}</span>
      </button>
      {adding ? <AddAttemptForm claimId={claimId} onDone={() => setAdding(false)} /> : null}
    </section>
  )
}
