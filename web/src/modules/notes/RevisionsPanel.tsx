import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { describeError, describeUserErrors } from '../../app/errors';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n';
import { Button } from '../../ui/controls';
import { Dialog } from '../../ui/Dialog';
import { ErrorState, Loading, Notice } from '../../ui/states';
import { asDoc } from './body';
import { RichText } from './editor/RichText';
import { m } from './messages';
import type { NoteData } from './note';
import { NotesRevisionRestoreMutation, NotesRevisionsQuery } from './operations';

const PAGE = 20;
/** The API's largest page. */
const MAX = 100;

/** A note's revisions, newest first: each can be read, and restored as a new revision. */
export function RevisionsPanel({
  noteId,
  currentRevision,
  canRestore,
  onRestored,
}: {
  noteId: string;
  currentRevision: number;
  canRestore: boolean;
  onRestored(note: NoteData): void;
}) {
  const t = useT();
  const [count, setCount] = useState(PAGE);
  const { data, loading, error, refetch } = useQuery(NotesRevisionsQuery, { variables: { id: noteId, first: count } });
  // Asked again whenever the note gains a revision (a save elsewhere on the page, a restore).
  const listed = useRef(currentRevision);
  useEffect(() => {
    if (listed.current === currentRevision) return;
    listed.current = currentRevision;
    void refetch();
  }, [currentRevision, refetch]);
  const [viewing, setViewing] = useState<number | null>(null);
  const [restoreRevision, { loading: restoring }] = useMutation(NotesRevisionRestoreMutation);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const connection = data?.note?.revisions;
  const revisions = connection?.nodes ?? [];
  const shown = revisions.find((revision) => revision.number === viewing);

  async function restore(number: number) {
    setRestoreError(null);
    try {
      const { data: result } = await restoreRevision({ variables: { input: { id: noteId, number } } });
      const failure = describeUserErrors(result?.noteRevisionRestore?.userErrors);
      if (failure) return setRestoreError(failure);
      const restored = result?.noteRevisionRestore?.note;
      if (restored) onRestored(restored);
      setViewing(null);
    } catch (caught) {
      setRestoreError(describeError(caught));
    }
  }

  return (
    <section className="panel" aria-label={t(m.revisions)}>
      <h2 className="panel-title">{t(m.revisions)}</h2>
      {error && !data ? <ErrorState error={error} retry={() => void refetch()} /> : null}
      {loading && !data ? <Loading /> : null}
      <ol className="note-revisions">
        {revisions.map((revision) => (
          <li key={revision.id}>
            <Button variant="ghost" onClick={() => setViewing(revision.number)} aria-label={t(m.viewRevision, { number: revision.number })}>
              {t(m.revision, { number: revision.number })}
            </Button>
            <span className="muted">
              {revision.number === currentRevision ? `${t(m.current)} · ` : ''}
              {revision.author?.name ? `${revision.author.name} · ` : ''}
              {formatDateTime(revision.createdAt)}
            </span>
          </li>
        ))}
      </ol>
      {connection?.pageInfo.hasNextPage && count < MAX ? (
        <Button variant="ghost" onClick={() => setCount((current) => Math.min(current + PAGE, MAX))}>
          {t(m.olderRevisions)}
        </Button>
      ) : null}
      <Dialog
        open={Boolean(shown)}
        onOpenChange={(open) => !open && setViewing(null)}
        title={shown ? t(m.revisionTitle, { number: shown.number, title: shown.title }) : t(m.revisionDialog)}
      >
        {shown ? (
          <div className="note-revision">
            <p className="muted">
              {shown.author?.name ? `${shown.author.name}, ` : ''}
              {formatDateTime(shown.createdAt)}
            </p>
            <RichText doc={asDoc(shown.body)} />
            <Notice>{restoreError}</Notice>
            {canRestore && shown.number !== currentRevision ? (
              <Button variant="primary" busy={restoring} onClick={() => void restore(shown.number)}>
                {t(m.restoreRevision)}
              </Button>
            ) : null}
          </div>
        ) : null}
      </Dialog>
    </section>
  );
}
