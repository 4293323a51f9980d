import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../app/format';
import { useT, useTranslator, type Message } from '../../app/i18n';
import type { DocumentsDocumentFragment, DocumentStatus } from '../../gql/graphql';
import { Button, SelectField, TextField } from '../../ui/controls';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/states';
import { ApprovalPanel } from './ApprovalPanel';
import { ChangesPanel } from './ChangesPanel';
import { countNewMarks } from './editor/trackChanges';
import { TrackedEditor } from './editor/TrackedEditor';
import { m } from './messages';
import { DocumentsDocumentQuery, DocumentsPdfMutation, DocumentsReviseMutation, DocumentsStatusSetMutation } from './operations';
import { ComparePanel, RedlinePanel } from './RedlinePanel';
import { ReviewPanel } from './ReviewPanel';
import { SignaturePanel } from './SignaturePanel';
import { attempt, MANUAL_STATUSES, ServerHtml, StatusBadge, statusLabel, typeLabel } from './shared';
import './documents.css';

type Tab = 'content' | 'redline' | 'compare' | 'review' | 'approval' | 'signatures';
const TABS: { tab: Tab; label: Message }[] = [
  { tab: 'content', label: m.tabContent },
  { tab: 'redline', label: m.tabRedline },
  { tab: 'compare', label: m.tabCompare },
  { tab: 'review', label: m.tabReview },
  { tab: 'approval', label: m.tabApproval },
  { tab: 'signatures', label: m.tabSignatures },
];
/** Statuses whose content no longer changes (DOCUMENT_LOCKED). */
const FINAL: readonly DocumentStatus[] = ['SIGNED', 'EXPIRED', 'VOID'];

/** /documents/:documentId — a document: its status, its content with track changes, redline, review, approval, signatures. */
export function DocumentPage() {
  const t = useT();
  const { documentId = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(DocumentsDocumentQuery, { variables: { id: documentId } });
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const document = data?.document;
  if (!document)
    return (
      <EmptyState title={t(m.notFound)} action={<Link to="/documents">{t(m.allDocuments)}</Link>}>
        {t(m.notFoundHint)}
      </EmptyState>
    );
  return <DocumentView document={document} />;
}

function DocumentView({ document }: { document: DocumentsDocumentFragment }) {
  const reader = useTranslator();
  const t = useT();
  const [tab, setTab] = useState<Tab>('content');
  const [failure, setFailure] = useState<string | null>(null);
  const [nextStatus, setNextStatus] = useState<DocumentStatus | ''>('');
  const [setStatus, { loading: settingStatus }] = useMutation(DocumentsStatusSetMutation);
  const [renderPdf, { loading: rendering }] = useMutation(DocumentsPdfMutation);
  const [pdfUrl, setPdfUrl] = useState<string | null>(null);
  const locked = FINAL.includes(document.status);

  async function changeStatus() {
    if (!nextStatus) return;
    const failed = await attempt(async () => (await setStatus({ variables: { input: { id: document.id, status: nextStatus } } })).data?.documentStatusSet);
    setFailure(failed);
    if (!failed) setNextStatus('');
  }

  async function makePdf() {
    setPdfUrl(null);
    let url: string | null = null;
    const failed = await attempt(async () => {
      const payload = (await renderPdf({ variables: { input: { id: document.id, redline: false } } })).data?.documentPdf;
      url = payload?.file?.downloadUrl ?? null;
      return payload;
    });
    setFailure(failed);
    setPdfUrl(url);
  }

  return (
    <article className="doc-page" aria-label={t(m.documentLabel, { title: document.title })}>
      <PageHeader
        title={
          <>
            <Link to="/documents" className="doc-back">
              {t(m.documents)}
            </Link>{' '}
            / {document.title}
          </>
        }
        subtitle={
          <span>
            {typeLabel(document.type, reader)} · <StatusBadge status={document.status} /> ·{' '}
            {document.template
              ? t(m.detailsFromTemplate, {
                  owner: document.owner.name,
                  template: document.template.title,
                  count: document.revisionCount,
                  updated: formatDateTime(document.updatedAt),
                })
              : t(m.details, { owner: document.owner.name, count: document.revisionCount, updated: formatDateTime(document.updatedAt) })}
          </span>
        }
        actions={
          <>
            {!locked ? (
              <span className="doc-status-set">
                <SelectField label={t(m.moveTo)} value={nextStatus} onChange={(event) => setNextStatus(event.target.value as DocumentStatus | '')}>
                  <option value="">{t(m.chooseStatus)}</option>
                  {MANUAL_STATUSES.filter((status) => status !== document.status).map((status) => (
                    <option key={status} value={status}>
                      {statusLabel(status, reader)}
                    </option>
                  ))}
                </SelectField>
                <Button disabled={!nextStatus} busy={settingStatus} onClick={() => void changeStatus()}>
                  {t(m.setStatus)}
                </Button>
              </span>
            ) : null}
            <Button busy={rendering} onClick={() => void makePdf()}>
              {t(m.makePdf)}
            </Button>
            {pdfUrl ? (
              <a className="button button-secondary" href={pdfUrl} rel="noopener noreferrer">
                {t(m.downloadPdf)}
              </a>
            ) : null}
          </>
        }
      />
      <Notice>{failure}</Notice>
      {document.voidReason ? <p className="doc-banner">{t(m.voidReason, { reason: document.voidReason })}</p> : null}
      <div className="segmented doc-tabs" role="group" aria-label={t(m.views)}>
        {TABS.map((option) => (
          <Button key={option.tab} variant={tab === option.tab ? 'primary' : 'secondary'} aria-pressed={tab === option.tab} onClick={() => setTab(option.tab)}>
            {t(option.label)}
          </Button>
        ))}
      </div>
      {tab === 'content' ? <ContentTab document={document} editable={!locked} /> : null}
      {tab === 'redline' ? <RedlinePanel documentId={document.id} revisionCount={document.revisionCount} /> : null}
      {tab === 'compare' ? <ComparePanel documentId={document.id} /> : null}
      {tab === 'review' ? <ReviewPanel documentId={document.id} editable={!locked} /> : null}
      {tab === 'approval' ? <ApprovalPanel documentId={document.id} editable={!locked} status={document.status} /> : null}
      {tab === 'signatures' ? <SignaturePanel documentId={document.id} editable={!locked} /> : null}
    </article>
  );
}

/** The content in the track-changes editor, saved as a revision with a description, and the pending changes. */
function ContentTab({ document, editable }: { document: DocumentsDocumentFragment; editable: boolean }) {
  const t = useT();
  // The editor owns its content once mounted: a new generation remounts it with the server's.
  const [generation, setGeneration] = useState(0);
  const [shown, setShown] = useState(document.content);
  const [edited, setEdited] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [revise, { loading: saving }] = useMutation(DocumentsReviseMutation);
  const dirty = edited !== null && edited !== shown;

  // The server's content changed (a save, a decision, an approved suggestion): shown when nothing waits to be saved.
  useEffect(() => {
    if (dirty || document.content === shown) return;
    setShown(document.content);
    setEdited(null);
    setGeneration((current) => current + 1);
  }, [document.content, shown, dirty]);

  async function save() {
    setSaved(null);
    if (!description.trim()) return setFailure(t(m.describeChange));
    let number: number | null = null;
    const failed = await attempt(async () => {
      const payload = (await revise({ variables: { input: { id: document.id, description: description.trim(), content: edited ?? shown } } })).data
        ?.documentRevise;
      number = payload?.revision?.number ?? null;
      return payload;
    });
    setFailure(failed);
    if (failed) return;
    setSaved(number);
    setDescription('');
    setEdited(null);
  }

  function discard() {
    setEdited(null);
    setShown(document.content);
    setGeneration((current) => current + 1);
  }

  const counts = dirty ? countNewMarks(edited) : { insertions: 0, deletions: 0 };
  return (
    <div className="doc-layout">
      <div className="doc-main">
        {editable ? (
          <>
            <TrackedEditor key={generation} label={t(m.documentContent)} initialContent={shown} onChange={setEdited} />
            <div className="doc-save">
              <TextField
                label={t(m.whatChanged)}
                value={description}
                onChange={(event) => setDescription(event.target.value)}
                placeholder={t(m.whatChangedExample)}
              />
              <Button variant="primary" busy={saving} disabled={!dirty} onClick={() => void save()}>
                {t(m.saveRevision)}
              </Button>
              <Button variant="ghost" disabled={!dirty} onClick={discard}>
                {t(m.discardEdits)}
              </Button>
            </div>
            <p className="muted" role="status" aria-live="polite">
              {dirty
                ? t(m.unsavedMarks, { insertions: counts.insertions, deletions: counts.deletions })
                : saved !== null
                  ? t(m.savedAsRevision, { number: saved })
                  : t(m.noUnsavedEdits)}
            </p>
            <Notice>{failure}</Notice>
          </>
        ) : (
          <ServerHtml html={document.content} label={t(m.documentContent)} />
        )}
      </div>
      <aside className="doc-side">
        <ChangesPanel documentId={document.id} revisionCount={document.revisionCount} editable={editable} blocked={dirty ? t(m.saveBeforeDeciding) : null} />
      </aside>
    </div>
  );
}
