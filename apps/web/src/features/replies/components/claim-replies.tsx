import { replyLine } from '@counterclaim/domain'
import {
  domainWords,
  LIMITS,
  REPLY_ANSWER_MAX,
  type ReplyAttempt,
  type ReplyChannel,
} from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { type FormEvent, useId, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { ActionError } from '../../../components/action-error.tsx'
import { formatDay } from '../../../components/dates.ts'
import { Field, Form } from '../../../components/field.tsx'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { currentLocale } from '../../../i18n/i18n.ts'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'
import { replyListQuery, useAddReply, useUpdateReply } from '../api/replies.ts'
import './replies.css'

/** How the desk may ask, in the order the form offers them. */
const CHANNELS: readonly ReplyChannel[] = [
  'email',
  'phone',
  'message',
  'social_media',
  'in_person',
  'letter',
  'other',
]

/** Today as YYYY-MM-DD in the reader's own calendar. */
function today(): string {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

function AddAttemptForm({ claimId, onDone }: { claimId: string; onDone: () => void }) {
  const { t } = useTranslation(['replies', 'domain'])
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
    <Form className="reply-form" onSubmit={submit} aria-label={t('replies:addLabel')}>
      <Field
        label={t('replies:whom')}
        dir="auto"
        path="contact"
        error={add.error}
        maxLength={LIMITS.name}
        value={contact}
        onChange={(e) => setContact(e.target.value)}
        required
        hint={t('replies:whomHint')}
      />
      <Field
        as="select"
        label={t('replies:how')}
        path="channel"
        error={add.error}
        value={channel}
        onChange={(e) => setChannel(e.target.value as ReplyChannel)}
      >
        {CHANNELS.map((value) => (
          <option key={value} value={value}>
            {t(`replies:channel.${value}`)}
          </option>
        ))}
      </Field>
      <Field
        type="date"
        label={t('domain:field.askedOn')}
        path="askedOn"
        error={add.error}
        value={askedOn}
        onChange={(e) => setAskedOn(e.target.value)}
        required
      />
      <Field
        as="textarea"
        label={t('replies:question')}
        dir="auto"
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
        label={t('domain:field.replyBy')}
        labelNote={t('replies:optional')}
        path="replyBy"
        error={add.error}
        value={replyBy}
        onChange={(e) => setReplyBy(e.target.value)}
      />
      <ActionError error={add.error} action={t('replies:notLogged')} />
      <div className="actions compact">
        <button type="submit" disabled={add.isPending}>
          {add.isPending ? t('replies:saving') : t('replies:log')}
        </button>
        <button type="button" className="link-button" onClick={onDone}>
          {t('replies:cancel')}
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
  const { t } = useTranslation(['replies', 'domain'])
  const update = useUpdateReply(claimId)
  const [answer, setAnswer] = useState('')
  const labelId = useId()
  const [answeredOn, setAnsweredOn] = useState(today)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    update.mutate(
      { id: entry.id, version: entry.version, json: { answer, answeredOn } },
      { onSuccess: onDone },
    )
  }
  return (
    <Form className="reply-form" onSubmit={submit} aria-labelledby={labelId}>
      <span id={labelId} hidden>
        <Trans
          t={t}
          i18nKey="replies:recordLabel"
          values={{ contact: entry.contact }}
          components={SENTENCE_TAGS}
        />
      </span>
      <Field
        as="textarea"
        label={t('replies:theirReply')}
        dir="auto"
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
        label={t('domain:field.answeredOn')}
        path="answeredOn"
        error={update.error}
        value={answeredOn}
        onChange={(e) => setAnsweredOn(e.target.value)}
        required
      />
      <ActionError error={update.error} action={t('replies:replyNotSaved')} onReload={onDone} />
      <div className="actions compact">
        <button type="submit" disabled={update.isPending}>
          {update.isPending ? t('replies:saving') : t('replies:saveReply')}
        </button>
        <button type="button" className="link-button" onClick={onDone}>
          {t('replies:cancel')}
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
  const { t } = useTranslation('replies')
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
        <Trans t={t} i18nKey="heading" values={{ claim: claimLabel }} components={SENTENCE_TAGS} />
      </h4>
      {log.isPending ? (
        <LoadingMessage>{t('loading')}</LoadingMessage>
      ) : log.isError ? (
        <ErrorMessage title={t('loadFailed')} error={log.error} onRetry={() => log.refetch()} />
      ) : log.data.items.length === 0 ? (
        <EmptyMessage>{t('empty')}</EmptyMessage>
      ) : (
        <ol className="reply-log">
          {log.data.items.map((entry) => (
            <li key={entry.id}>
              <p className="small">{replyLine(entry, formatDay, day, domainWords(currentLocale()))}</p>
              {recording === entry.id ? (
                <RecordReplyForm claimId={claimId} entry={entry} onDone={() => setRecording(null)} />
              ) : (
                <div className="actions compact">
                  {entry.answer === null ? (
                    <button type="button" className="link-button" onClick={() => setRecording(entry.id)}>
                      <Trans
                        t={t}
                        i18nKey="record"
                        values={{ contact: entry.contact }}
                        components={SENTENCE_TAGS}
                      />
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
                    <Trans
                      t={t}
                      i18nKey="remove"
                      values={{ contact: entry.contact }}
                      components={SENTENCE_TAGS}
                    />
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {removed ? (
        <p role="status" className="small">
          <Trans t={t} i18nKey="removed" values={{ contact: removed.contact }} components={SENTENCE_TAGS} />{' '}
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
            {t('undo')}
          </button>
        </p>
      ) : null}
      <ActionError error={update.error} action={t('notChanged')} onReload={() => log.refetch()} />
      <button
        type="button"
        className="link-button"
        aria-expanded={adding}
        onClick={() => setAdding((open) => !open)}
      >
        <Trans t={t} i18nKey="add" values={{ claim: claimLabel }} components={SENTENCE_TAGS} />
      </button>
      {adding ? <AddAttemptForm claimId={claimId} onDone={() => setAdding(false)} /> : null}
    </section>
  )
}
