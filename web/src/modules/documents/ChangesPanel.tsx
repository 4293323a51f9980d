import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n';
import type { DocumentsRevisionFragment } from '../../gql/graphql';
import { Button } from '../../ui/controls';
import { ErrorState, Loading, Notice } from '../../ui/states';
import { m } from './messages';
import {
  DocumentsChangeAcceptMutation,
  DocumentsChangeRejectMutation,
  DocumentsRevisionAcceptMutation,
  DocumentsRevisionRejectMutation,
  DocumentsRevisionsQuery,
} from './operations';
import { attempt } from './shared';

const KIND_LABELS = { FIELD: m.kindField, INSERTION: m.kindInserted, DELETION: m.kindDeleted } as const;

/** The revisions' pending changes, to accept or reject one by one, by revision, or all. */
export function ChangesPanel({
  documentId,
  revisionCount,
  editable,
  blocked,
}: {
  documentId: string;
  revisionCount: number;
  editable: boolean;
  /** Why deciding waits (unsaved edits), or null. */
  blocked: string | null;
}) {
  const t = useT();
  // Read again on each visit: approved suggestions and other people's saves add revisions.
  const { data, loading, error, refetch } = useQuery(DocumentsRevisionsQuery, { variables: { id: documentId }, fetchPolicy: 'cache-and-network' });
  // Asked again whenever the document gains a revision.
  const listed = useRef(revisionCount);
  useEffect(() => {
    if (listed.current === revisionCount) return;
    listed.current = revisionCount;
    void refetch();
  }, [revisionCount, refetch]);
  const [acceptChange] = useMutation(DocumentsChangeAcceptMutation);
  const [rejectChange] = useMutation(DocumentsChangeRejectMutation);
  const [acceptRevision] = useMutation(DocumentsRevisionAcceptMutation);
  const [rejectRevision] = useMutation(DocumentsRevisionRejectMutation);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const revisions = data?.document?.revisions.nodes ?? [];
  const pending = revisions.filter((revision) => revision.changes.some((change) => change.state === 'PENDING'));

  async function decide(run: () => Promise<string | null>) {
    setBusy(true);
    setFailure(await run());
    setBusy(false);
    void refetch();
  }
  const onChange = (id: string, accept: boolean) =>
    decide(() =>
      attempt(async () =>
        accept
          ? (await acceptChange({ variables: { input: { id } } })).data?.documentChangeAccept
          : (await rejectChange({ variables: { input: { id } } })).data?.documentChangeReject,
      ),
    );
  const onRevision = (revision: number, accept: boolean) =>
    attempt(async () =>
      accept
        ? (await acceptRevision({ variables: { input: { id: documentId, revision } } })).data?.documentRevisionAccept
        : (await rejectRevision({ variables: { input: { id: documentId, revision } } })).data?.documentRevisionReject,
    );
  // Every revision's pending changes, the newest first (a later change may depend on an earlier one's text).
  const onAll = (accept: boolean) =>
    decide(async () => {
      for (const revision of pending) {
        const failed = await onRevision(revision.number, accept);
        if (failed) return t(m.revisionFailed, { number: revision.number, problem: failed });
      }
      return null;
    });

  const canDecide = editable && !blocked && !busy;
  return (
    <section className="panel" aria-label={t(m.pendingChanges)}>
      <h2 className="panel-title">{t(m.pendingChanges)}</h2>
      {error && !data ? <ErrorState error={error} retry={() => void refetch()} /> : null}
      {loading && !data ? <Loading /> : null}
      {data && pending.length === 0 ? <p className="muted">{t(m.noPendingChanges)}</p> : null}
      {blocked && pending.length ? <p className="muted">{blocked}</p> : null}
      <Notice>{failure}</Notice>
      {pending.length > 1 && editable ? (
        <div className="button-row">
          <Button disabled={!canDecide} onClick={() => void onAll(true)}>
            {t(m.acceptAll)}
          </Button>
          <Button disabled={!canDecide} onClick={() => void onAll(false)}>
            {t(m.rejectAll)}
          </Button>
        </div>
      ) : null}
      {pending.map((revision) => (
        <RevisionChanges
          key={revision.id}
          revision={revision}
          canDecide={canDecide}
          editable={editable}
          onChange={onChange}
          onRevision={(accept) => decide(() => onRevision(revision.number, accept))}
        />
      ))}
    </section>
  );
}

function RevisionChanges({
  revision,
  canDecide,
  editable,
  onChange,
  onRevision,
}: {
  revision: DocumentsRevisionFragment;
  canDecide: boolean;
  editable: boolean;
  onChange(id: string, accept: boolean): void;
  onRevision(accept: boolean): void;
}) {
  const t = useT();
  const changes = revision.changes.filter((change) => change.state === 'PENDING');
  return (
    <div className="doc-revision-changes" aria-label={t(m.revision, { number: revision.number })} role="group">
      <p className="doc-revision-head">
        <strong>{t(m.revisionHeading, { number: revision.number, description: revision.description })}</strong>{' '}
        <span className="muted">
          {revision.author?.name ? `${revision.author.name} · ` : ''}
          {formatDateTime(revision.createdAt)}
        </span>
      </p>
      {editable ? (
        <div className="button-row">
          <Button variant="ghost" disabled={!canDecide} onClick={() => onRevision(true)}>
            {t(m.acceptRevision, { number: revision.number })}
          </Button>
          <Button variant="ghost" disabled={!canDecide} onClick={() => onRevision(false)}>
            {t(m.rejectRevision, { number: revision.number })}
          </Button>
        </div>
      ) : null}
      <ul className="doc-changes">
        {changes.map((change) => {
          const what = change.kind === 'INSERTION' ? change.newValue : change.kind === 'DELETION' ? change.oldValue : `${change.oldValue} → ${change.newValue}`;
          return (
            <li key={change.id} className={`doc-change doc-change-${change.kind.toLowerCase()}`}>
              <span className="badge">{t(KIND_LABELS[change.kind])}</span>{' '}
              {change.fieldLabel || change.fieldName ? <span className="muted">{change.fieldLabel || change.fieldName}: </span> : null}
              <span className="doc-change-text">{what}</span>
              {editable ? (
                <span className="button-row">
                  <Button variant="ghost" disabled={!canDecide} aria-label={t(m.acceptChange, { text: what })} onClick={() => onChange(change.id, true)}>
                    {t(m.accept)}
                  </Button>
                  <Button variant="ghost" disabled={!canDecide} aria-label={t(m.rejectChange, { text: what })} onClick={() => onChange(change.id, false)}>
                    {t(m.reject)}
                  </Button>
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
