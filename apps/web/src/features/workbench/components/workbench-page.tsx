import type { DeskSettings, DisputeEvent, SessionUser, Workbench, WorkbenchClaim } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { type ComponentType, Fragment, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { useScrollToHash } from '../../../components/use-scroll-to-hash.ts'
import { ApiError } from '../../../lib/api-client.ts'
import { useReloadWorkbench, workbenchQuery } from '../api/workbench.ts'
import { LiveChangesProvider, useDisputeEvents } from '../hooks/use-dispute-events.ts'
import { ArchiveStatus, useArchiveWithUndo } from './archive-undo.tsx'
import { ClaimColumn, type ClaimColumnMatches, type CorrectionOutcome } from './claim-column.tsx'
import { ClaimForm, type ClaimFormMatchesPanel } from './claim-form.tsx'
import { ClaimRow } from './claim-position.tsx'
import { RelationGutter, RelationList } from './claim-relations.tsx'
import { ConclusionPanel } from './conclusion-panel.tsx'
import { DisputeForm } from './dispute-form.tsx'
import { claimName, EvidenceMatrix } from './evidence-matrix.tsx'
import { HistoryPanel } from './history-panel.tsx'
import { AlsoHere, LiveNotices } from './live-presence.tsx'
import { QuantityComparisons } from './quantity-comparisons.tsx'
import { VerdictCorrectionForm } from './verdict-correction-form.tsx'
import { VerdictEditor } from './verdict-editor.tsx'
import './workbench.css'

/** Matches of claims, from another feature: under a new claim's text, and in each claim's column. */
export interface WorkbenchMatching {
  FormPanel: ClaimFormMatchesPanel
  ColumnMatches: ClaimColumnMatches
}

/** What a comment is about: the dispute as a whole, one claim, or one evidence item. */
export type CommentSubject = { claimId: string } | { evidenceId: string } | null

/**
 * The desk's work together on a dispute, from other features: who is assigned and by when (near the title),
 * and the comments (under the evidence), which a "Comment" action on a claim or an evidence item opens.
 */
export interface WorkbenchTeam {
  Assignment: ComponentType<{ dispute: Workbench }>
  Comments: ComponentType<{
    workbench: Workbench
    claimLabel: (claim: WorkbenchClaim) => string
    subject: CommentSubject
    onSubject: (subject: CommentSubject) => void
    /** Changes when a "Comment" action asks for the form. */
    focusRequest: number
  }>
}

/**
 * The claim columns' grid: each claim a column, and between each two a track of no width whose control (how
 * the two claims relate) sits over the gap; half gaps keep the columns as close as they were.
 */
function columnsBetween(claims: number) {
  if (claims < 2) return undefined
  const column = 'minmax(17.5rem, 26rem)'
  return { gridTemplateColumns: `repeat(${claims - 1}, ${column} 0) ${column}`, columnGap: '0.375rem' }
}

/** One dispute: its claims side by side, the evidence matrix under them, verdicts, comments, history. */
export function WorkbenchPage({
  user,
  desk,
  matching,
  team,
  replies,
  onLiveChange,
}: {
  user: SessionUser
  desk: DeskSettings
  matching?: WorkbenchMatching
  team?: WorkbenchTeam
  /** Each claim's right-of-reply log, from another feature. */
  replies?: ClaimColumnMatches
  /** Each change heard on the dispute's stream, for what other features show of it (comments, say). */
  onLiveChange?: (event: DisputeEvent) => void
}) {
  const { t } = useTranslation('workbench')
  const { id = '' } = useParams()
  const workbench = useQuery(workbenchQuery(id))
  const live = useDisputeEvents({
    disputeId: id,
    meId: user.id,
    claimName: (claimId) => {
      const claims = workbench.data?.claims ?? []
      const claim = claims.find((c) => c.id === claimId)
      return claim ? claimName(claim, claims) : null
    },
    onChange: onLiveChange,
  })
  const reload = useReloadWorkbench(id)
  const [editingClaim, setEditingClaim] = useState<string | null>(null)
  const [addingClaim, setAddingClaim] = useState(false)
  const [verdictFor, setVerdictFor] = useState<string | null>(null)
  const [editorGeneration, setEditorGeneration] = useState(0)
  const [historySubject, setHistorySubject] = useState('dispute')
  const [editingDispute, setEditingDispute] = useState(false)
  const [correctionFor, setCorrectionFor] = useState<string | null>(null)
  const [corrected, setCorrected] = useState<{ claimId: string; outcome: CorrectionOutcome } | null>(null)
  const claimArchiving = useArchiveWithUndo(id, 'claim')
  const [commentSubject, setCommentSubject] = useState<CommentSubject>(null)
  const [commentRequest, setCommentRequest] = useState(0)
  // A link to a claim (from my work or a notification) moves to its column.
  useScrollToHash(workbench.isSuccess)

  if (workbench.isPending) return <LoadingMessage>{t('page.loading')}</LoadingMessage>
  if (workbench.error) {
    const missing = workbench.error instanceof ApiError && workbench.error.status === 404
    return (
      <section className="page">
        <h1>{missing ? t('page.notFound') : t('page.loadFailed')}</h1>
        <ErrorMessage
          title={missing ? t('page.notFoundText') : t('page.somethingWrong')}
          error={workbench.error}
          onRetry={missing ? undefined : () => workbench.refetch()}
        />
        <p>
          <Link to="/disputes">{t('page.backToDisputes')}</Link>
        </p>
      </section>
    )
  }

  const dispute = workbench.data
  const label = (c: WorkbenchClaim) => claimName(c, dispute.claims)
  const verdictClaim = dispute.claims.find((c) => c.id === verdictFor)
  const correctionClaim = dispute.claims.find((c) => c.id === correctionFor)
  const reloadEditor = () => {
    reload().then(() => setEditorGeneration((g) => g + 1))
  }
  const commentOn = team
    ? (subject: CommentSubject) => {
        setCommentSubject(subject)
        setCommentRequest((n) => n + 1)
      }
    : null
  const showHistory = (claimId: string) => {
    setHistorySubject(claimId)
    requestAnimationFrame(() => document.getElementById('history')?.scrollIntoView({ block: 'start' }))
  }

  return (
    <LiveChangesProvider value={live.changed}>
      <div className="workbench">
        <title>{t('page.documentTitle', { title: dispute.title })}</title>
        <LiveNotices notices={live.notices} />
        {editingDispute ? (
          <DisputeForm dispute={dispute} onDone={() => setEditingDispute(false)} />
        ) : (
          <header className={live.changed.has(dispute.id) ? 'dispute-head live-changed' : 'dispute-head'}>
            <p className="breadcrumb small">
              <Link to="/disputes">{t('page.breadcrumb')}</Link> / <span dir="auto">{dispute.title}</span>
            </p>
            <div className="page-head">
              <h1 dir="auto">{dispute.question}</h1>
              <button type="button" className="small-button" onClick={() => setEditingDispute(true)}>
                {t('page.editDispute')}
              </button>
            </div>
            <p className="muted small">
              <span className={`dispute-status status-word-${dispute.status}`}>
                {t(`page.status.${dispute.status}`)}
              </span>
              {dispute.tags.map((tag) => (
                <span key={tag}>
                  {' · '}
                  <Link to={`/disputes?tag=${encodeURIComponent(tag)}`} dir="auto">
                    #{tag}
                  </Link>
                </span>
              ))}
            </p>
            {team ? <team.Assignment dispute={dispute} /> : null}
            {dispute.summary ? (
              <p className="dispute-summary" dir="auto">
                {dispute.summary}
              </p>
            ) : null}
          </header>
        )}
        <AlsoHere viewers={live.viewers} />

        <section aria-labelledby="claims-heading" className="claims-section">
          <div className="section-head">
            <h2 id="claims-heading">
              {t('page.claims')}{' '}
              <span className="count">{t('page.count', { count: dispute.claims.length })}</span>
            </h2>
            {addingClaim ? null : (
              <button type="button" className="add-button small-button" onClick={() => setAddingClaim(true)}>
                {t('page.addClaim')}
              </button>
            )}
          </div>
          {dispute.claims.length === 0 && !addingClaim ? (
            <p className="state-message state-empty">{t('page.noClaims')}</p>
          ) : null}
          <ArchiveStatus archiving={claimArchiving} />
          <ClaimRow style={columnsBetween(dispute.claims.length)}>
            {dispute.claims.map((claim, at) => {
              const next = dispute.claims[at + 1]
              const column =
                editingClaim === claim.id ? (
                  <article
                    key={claim.id}
                    className="claim-column editing"
                    aria-label={t('page.editingClaim', { claim: label(claim) })}
                  >
                    <ClaimForm disputeId={dispute.id} claim={claim} onDone={() => setEditingClaim(null)} />
                  </article>
                ) : (
                  <ClaimColumn
                    key={claim.id}
                    disputeId={dispute.id}
                    claim={claim}
                    matches={matching?.ColumnMatches}
                    replies={replies}
                    claimLabel={label(claim)}
                    evidence={dispute.evidence}
                    user={user}
                    desk={desk}
                    independentRatings={dispute.independentRatings}
                    corrected={corrected?.claimId === claim.id ? corrected.outcome : null}
                    archiving={claimArchiving.pending}
                    onEditClaim={() => setEditingClaim(claim.id)}
                    onEditVerdict={() => {
                      setCorrectionFor(null)
                      setVerdictFor(claim.id)
                    }}
                    onCorrectVerdict={() => {
                      setVerdictFor(null)
                      setCorrected(null)
                      setCorrectionFor(claim.id)
                    }}
                    onArchive={() => {
                      if (verdictFor === claim.id) setVerdictFor(null)
                      if (correctionFor === claim.id) setCorrectionFor(null)
                      claimArchiving.archive({ id: claim.id, version: claim.version, name: label(claim) })
                    }}
                    onShowHistory={() => showHistory(claim.id)}
                    onComment={commentOn ? () => commentOn({ claimId: claim.id }) : undefined}
                    onReload={reload}
                  />
                )
              return (
                <Fragment key={claim.id}>
                  {column}
                  {next ? (
                    <RelationGutter
                      disputeId={dispute.id}
                      one={claim}
                      other={next}
                      relations={dispute.relations}
                      label={label}
                    />
                  ) : null}
                </Fragment>
              )
            })}
            {addingClaim ? (
              <article className="claim-column editing" aria-label={t('page.newClaim')}>
                <ClaimForm
                  disputeId={dispute.id}
                  matches={matching?.FormPanel}
                  onDone={() => setAddingClaim(false)}
                />
              </article>
            ) : null}
          </ClaimRow>
          <RelationList
            disputeId={dispute.id}
            claims={dispute.claims}
            relations={dispute.relations}
            label={label}
          />
          <QuantityComparisons claims={dispute.claims} label={label} />
        </section>

        {verdictClaim ? (
          <VerdictEditor
            key={`${verdictClaim.id}:${editorGeneration}`}
            disputeId={dispute.id}
            claim={verdictClaim}
            claimLabel={label(verdictClaim)}
            evidence={dispute.evidence}
            independentRatings={dispute.independentRatings}
            onClose={() => setVerdictFor(null)}
            onReload={reloadEditor}
          />
        ) : null}

        {correctionClaim ? (
          <VerdictCorrectionForm
            key={`${correctionClaim.id}:${editorGeneration}`}
            disputeId={dispute.id}
            claim={correctionClaim}
            claimLabel={label(correctionClaim)}
            evidence={dispute.evidence}
            desk={desk}
            onClose={() => setCorrectionFor(null)}
            onCorrected={(outcome) => {
              setCorrectionFor(null)
              setCorrected({ claimId: correctionClaim.id, outcome })
            }}
          />
        ) : null}

        <ConclusionPanel
          key={`conclusion:${editorGeneration}`}
          disputeId={dispute.id}
          conclusion={dispute.conclusion}
          user={user}
          desk={desk}
          onReload={reloadEditor}
        />

        <EvidenceMatrix
          workbench={dispute}
          onComment={commentOn ? (evidenceId) => commentOn({ evidenceId }) : undefined}
        />

        {team ? (
          <team.Comments
            workbench={dispute}
            claimLabel={label}
            subject={commentSubject}
            onSubject={setCommentSubject}
            focusRequest={commentRequest}
          />
        ) : null}

        <HistoryPanel
          disputeId={dispute.id}
          claims={dispute.claims}
          evidence={dispute.evidence}
          subject={historySubject}
          onSubject={setHistorySubject}
        />
      </div>
    </LiveChangesProvider>
  )
}
