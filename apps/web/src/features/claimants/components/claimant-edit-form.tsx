import { type ClaimantDetail, type ClaimantKind, ClaimantKindSchema, LIMITS } from '@counterclaim/shared'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AlreadyOnTheDesk, claimantMatchesOf } from '../../../components/already-on-the-desk.tsx'
import { Field, Form } from '../../../components/field.tsx'
import { FormFooter } from '../../../components/form-footer.tsx'
import { useReloadClaimant, useUpdateClaimant } from '../api/claimants.ts'
import { TextListField, withDraft } from './text-list-field.tsx'

const KINDS = ClaimantKindSchema.options
const isKind = (v: string): v is ClaimantKind => ClaimantKindSchema.safeParse(v).success
const orNull = (text: string) => text.trim() || null

/**
 * Edits a claimant in place (If-Match of the version it opened on): name, kind, aliases, description, job
 * title, affiliation, web page, image and other pages, which also feed ClaimReview's author once published.
 * A name or alias another claimant has is refused with the matches, and can be saved anyway.
 */
export function ClaimantEditForm({ claimant, onDone }: { claimant: ClaimantDetail; onDone: () => void }) {
  const { t } = useTranslation(['claimants', 'domain'])
  const update = useUpdateClaimant(claimant.id)
  const reload = useReloadClaimant(claimant.id)
  const [name, setName] = useState(claimant.name)
  const [kind, setKind] = useState<ClaimantKind>(claimant.kind)
  const [aliases, setAliases] = useState(claimant.aliases)
  const [aliasDraft, setAliasDraft] = useState('')
  const [description, setDescription] = useState(claimant.description)
  const [jobTitle, setJobTitle] = useState(claimant.jobTitle ?? '')
  const [affiliation, setAffiliation] = useState(claimant.affiliation ?? '')
  const [url, setUrl] = useState(claimant.url ?? '')
  const [imageUrl, setImageUrl] = useState(claimant.imageUrl ?? '')
  const [sameAs, setSameAs] = useState(claimant.sameAs)
  const [linkDraft, setLinkDraft] = useState('')
  const error = update.error
  const matches = claimantMatchesOf(error)

  const save = (allowDuplicate: boolean) =>
    update.mutate(
      {
        version: claimant.version,
        json: {
          name,
          kind,
          aliases: withDraft(aliases, aliasDraft),
          description,
          jobTitle: orNull(jobTitle),
          affiliation: orNull(affiliation),
          url: orNull(url),
          imageUrl: orNull(imageUrl),
          sameAs: withDraft(sameAs, linkDraft),
          ...(allowDuplicate ? { allowDuplicate } : {}),
        },
      },
      { onSuccess: onDone },
    )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save(false)
  }

  return (
    <Form
      className="panel form-grid two-col claimant-form"
      onSubmit={submit}
      aria-label={t('claimants:edit.label')}
    >
      <Field
        label={t('claimants:edit.name')}
        dir="auto"
        path="name"
        error={error}
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        maxLength={LIMITS.name}
      />
      <Field
        as="select"
        label={t('claimants:edit.kind')}
        path="kind"
        error={error}
        value={kind}
        onChange={(e) => {
          if (isKind(e.target.value)) setKind(e.target.value)
        }}
      >
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`domain:claimantKind.${k}`)}
          </option>
        ))}
      </Field>
      <TextListField
        className="span-2"
        label={t('claimants:edit.aliases')}
        path="aliases"
        error={error}
        items={aliases}
        onChange={setAliases}
        draft={aliasDraft}
        onDraftChange={setAliasDraft}
        noun="alias"
        maxLength={LIMITS.name}
      />
      <Field
        as="textarea"
        className="span-2"
        label={t('claimants:edit.description')}
        dir="auto"
        path="description"
        error={error}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        rows={3}
        maxLength={LIMITS.longText}
      />
      <Field
        label={t('claimants:edit.jobTitle')}
        dir="auto"
        path="jobTitle"
        error={error}
        value={jobTitle}
        onChange={(e) => setJobTitle(e.target.value)}
        maxLength={LIMITS.name}
        hint={t('claimants:edit.jobTitleHint')}
      />
      <Field
        label={t('claimants:edit.affiliation')}
        dir="auto"
        path="affiliation"
        error={error}
        value={affiliation}
        onChange={(e) => setAffiliation(e.target.value)}
        maxLength={LIMITS.name}
        hint={t('claimants:edit.affiliationHint')}
      />
      <Field
        label={t('claimants:edit.webPage')}
        type="url"
        path="url"
        error={error}
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        maxLength={LIMITS.url}
      />
      <Field
        label={t('claimants:edit.imageUrl')}
        type="url"
        path="imageUrl"
        error={error}
        value={imageUrl}
        onChange={(e) => setImageUrl(e.target.value)}
        maxLength={LIMITS.url}
      />
      <TextListField
        className="span-2"
        label={t('claimants:edit.links')}
        path="sameAs"
        error={error}
        items={sameAs}
        onChange={setSameAs}
        draft={linkDraft}
        onDraftChange={setLinkDraft}
        noun="link"
        type="url"
        maxLength={LIMITS.url}
      />
      <div className="span-2">
        {matches.length ? (
          <AlreadyOnTheDesk
            matches={matches}
            anywayLabel={t('claimants:edit.saveAnyway')}
            onAnyway={() => save(true)}
            pending={update.isPending}
          />
        ) : null}
        <FormFooter
          error={matches.length ? null : error}
          failed={t('claimants:edit.failed')}
          onReload={() => {
            reload()
            onDone()
          }}
          pending={update.isPending}
          submitLabel={t('claimants:edit.save')}
          onCancel={onDone}
        />
      </div>
    </Form>
  )
}
