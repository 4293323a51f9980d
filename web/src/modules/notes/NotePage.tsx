import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { describeError, describeUserErrors } from '../../app/errors';
import { formatDateTime } from '../../app/format';
import { useT, type Message } from '../../app/i18n';
import { Button } from '../../ui/controls';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/states';
import { asDoc, VISIBILITY_LABELS } from './body';
import { RichText } from './editor/RichText';
import { RichTextEditor } from './editor/RichTextEditor';
import { WidgetSlot } from '../../layout/WidgetSlot';
import { AboutPanel } from './AboutPanel';
import { m } from './messages';
import type { NoteData } from './note';
import { NotesDeleteMutation, NotesNoteChangedSubscription, NotesNoteQuery, NotesRestoreMutation, NotesUpdateMutation } from './operations';
import { usePeople } from './people';
import { RevisionsPanel } from './RevisionsPanel';
import { ShareDialog } from './ShareDialog';
import { useAutosave, type SaveState } from './useAutosave';
import './notes.css';

/** Who made the last live change to the open note, and what it was. */
interface LiveChange {
  event: string;
  actorName: string | null;
}

/** /notes/:noteId — a note: title and body edited in place and saved as one types, live. */
export function NotePage() {
  const t = useT();
  const { noteId = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(NotesNoteQuery, { variables: { id: noteId } });
  const [lastChange, setLastChange] = useState<LiveChange | null>(null);
  const [liveError, setLiveError] = useState<string | null>(null);
  // Someone else's edit, pin, sharing or deletion: the note in the payload updates Apollo's cache
  // (the page re-renders with it); once it is gone (trash, or no longer shared with the viewer) the
  // page says so.
  useSubscription(NotesNoteChangedSubscription, {
    variables: { id: noteId },
    skip: !noteId,
    onData: ({ client, data: change }) => {
      const noteChange = change.data?.noteChanged;
      if (!noteChange) return;
      setLiveError(null);
      setLastChange({ event: noteChange.event, actorName: noteChange.actor?.name ?? null });
      if (noteChange.note) return;
      const shown = data?.note;
      // Its author keeps the page, with the trash banner and "Restore" (`note(id)` no longer answers
      // for a note in the trash); anyone else reads it again and is told it is gone.
      if (noteChange.event === 'note.deleted' && shown?.viewerCanEdit) {
        client.cache.modify({ id: client.cache.identify(shown), fields: { deletedAt: (current) => current ?? noteChange.occurredAt } });
      } else void refetch();
    },
    onError: (caught) => setLiveError(t(m.livePaused, { reason: describeError(caught) })),
  });
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const note = data?.note;
  if (!note)
    return lastChange?.event === 'note.deleted' ? (
      <EmptyState title={t(m.noteDeleted)} action={<Link to="/notes">{t(m.allNotes)}</Link>}>
        {t(m.deletedWhileReading, { name: lastChange.actorName ?? t(m.someone) })}
      </EmptyState>
    ) : lastChange?.event === 'note.shared' ? (
      <EmptyState title={t(m.noLongerShared)} action={<Link to="/notes">{t(m.allNotes)}</Link>}>
        {t(m.stoppedSharing, { name: lastChange.actorName ?? t(m.itsAuthor) })}
      </EmptyState>
    ) : (
      <EmptyState title={t(m.noteNotFound)} action={<Link to="/notes">{t(m.allNotes)}</Link>}>
        {t(m.noteNotFoundText)}
      </EmptyState>
    );
  return (
    <>
      {liveError ? <Notice tone="info">{liveError}</Notice> : null}
      <NoteView note={note} lastChange={lastChange} />
    </>
  );
}

const SAVE_LABELS: Record<SaveState, Message> = {
  saved: m.saveSaved,
  unsaved: m.saveUnsaved,
  saving: m.saveSaving,
  conflict: m.saveConflict,
  error: m.saveError,
};

function NoteView({ note, lastChange }: { note: NoteData; lastChange: LiveChange | null }) {
  const t = useT();
  const client = useApolloClient();
  const people = usePeople();
  // The note as the cache has it now (a live change re-renders with the newer one).
  const current = useRef(note);
  current.current = note;
  // A newer revision saved elsewhere while nothing here waits to be saved: shown at once.
  const autosave = useAutosave(note.id, note.revision, { onNewer: () => showServerVersion(current.current) });
  // The editor owns its document once mounted: a new `generation` remounts it with the server's.
  const [generation, setGeneration] = useState(0);
  const [title, setTitle] = useState(note.title);
  // Every revision the cache learns of (live changes, saves, reloads) is checked against the edits.
  const { seen } = autosave;
  useEffect(() => seen(note.revision), [seen, note.revision]);
  const [sharing, setSharing] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [update] = useMutation(NotesUpdateMutation);
  const [remove] = useMutation(NotesDeleteMutation);
  const [restore] = useMutation(NotesRestoreMutation);
  const isAuthor = Boolean(people.meId && note.author?.id === people.meId);
  const editable = note.viewerCanEdit && !note.deletedAt;

  /** Shows the server's version of the note (after a conflict or a restored revision). */
  function showServerVersion(latest: NoteData) {
    autosave.adopt(latest.revision);
    setTitle(latest.title);
    setGeneration((current) => current + 1);
  }

  async function loadLatest(): Promise<NoteData | null> {
    const { data } = await client.query({ query: NotesNoteQuery, variables: { id: note.id }, fetchPolicy: 'network-only' });
    return data?.note ?? null;
  }

  async function run(action: () => Promise<{ userErrors: readonly { code: string; message: string; field?: readonly string[] | null }[] } | null | undefined>) {
    setActionError(null);
    try {
      setActionError(describeUserErrors((await action())?.userErrors));
    } catch (caught) {
      setActionError(describeError(caught));
    }
  }

  const togglePinned = () => run(async () => (await update({ variables: { input: { id: note.id, pinned: !note.pinned } } })).data?.noteUpdate);
  const toggleArchived = () => run(async () => (await update({ variables: { input: { id: note.id, archived: !note.archivedAt } } })).data?.noteUpdate);
  const moveToTrash = () => run(async () => (await remove({ variables: { input: { id: note.id } } })).data?.noteDelete);
  const restoreFromTrash = () => run(async () => (await restore({ variables: { input: { id: note.id } } })).data?.noteRestore);

  return (
    <article className="note-page" aria-label={t(m.noteLabel, { title: note.title })}>
      <PageHeader
        title={
          <>
            <Link to="/notes" className="note-back">
              {t(m.notes)}
            </Link>{' '}
            / {note.title || t(m.untitled)}
          </>
        }
        subtitle={
          <span>
            {note.author ? `${t(m.byAuthor, { name: note.author.name })} · ` : ''}
            {t(VISIBILITY_LABELS[note.visibility])}
            {note.visibility === 'TEAM' && note.team ? ` (${note.team.name})` : ''}
            {note.visibility === 'USERS' && note.sharedWith.length ? ` (${note.sharedWith.map((user) => user.name).join(', ')})` : ''} ·{' '}
            {t(m.revisionUpdated, { revision: note.revision, date: formatDateTime(note.updatedAt) })}
          </span>
        }
        actions={
          note.deletedAt ? null : (
            <>
              {editable ? (
                <Button aria-pressed={note.pinned} onClick={() => void togglePinned()}>
                  {t(note.pinned ? m.unpin : m.pin)}
                </Button>
              ) : null}
              {isAuthor ? <Button onClick={() => setSharing(true)}>{t(m.share)}</Button> : null}
              {editable ? <Button onClick={() => void toggleArchived()}>{t(note.archivedAt ? m.unarchive : m.archive)}</Button> : null}
              {editable ? (
                <Button variant="danger" onClick={() => void moveToTrash()}>
                  {t(m.moveToTrash)}
                </Button>
              ) : null}
            </>
          )
        }
      />
      <Notice>{actionError}</Notice>
      {note.deletedAt ? (
        <div className="note-banner" role="status">
          {t(m.inTrash, { date: formatDateTime(note.deletedAt) })}{' '}
          <Button variant="primary" onClick={() => void restoreFromTrash()}>
            {t(m.restore)}
          </Button>
        </div>
      ) : null}
      {note.archivedAt && !note.deletedAt ? (
        <p className="note-banner" role="status">
          {t(m.archivedOn, { date: formatDateTime(note.archivedAt) })}
        </p>
      ) : null}
      {autosave.state === 'conflict' ? (
        <div className="note-banner note-banner-warning" role="alert">
          {autosave.newer ? t(m.newerVersion, { name: lastChange?.actorName ?? t(m.someoneElse), revision: autosave.newer }) : t(m.changedElsewhere)}{' '}
          {t(m.editsNotSaved)}{' '}
          <Button
            onClick={async () => {
              const latest = await loadLatest();
              if (latest) showServerVersion(latest);
            }}
          >
            {t(m.showTheirVersion)}
          </Button>{' '}
          <Button
            variant="primary"
            onClick={async () => {
              const latest = await loadLatest();
              if (latest) autosave.overwrite(latest.revision);
            }}
          >
            {t(m.keepMyVersion)}
          </Button>
        </div>
      ) : null}
      <div className="note-layout">
        <div className="note-main">
          {editable ? (
            <>
              <div className="field note-title-field">
                <label htmlFor="note-title">{t(m.title)}</label>
                <input
                  id="note-title"
                  value={title}
                  onChange={(event) => {
                    setTitle(event.target.value);
                    autosave.change({ title: event.target.value });
                  }}
                />
              </div>
              <RichTextEditor
                key={generation}
                label={t(m.noteBody)}
                initialContent={asDoc(note.body)}
                onChange={(body) => autosave.change({ body })}
                mentionable={people.mentionable}
              />
              <p className={`note-save note-save-${autosave.state}`} role="status" aria-live="polite">
                {t(SAVE_LABELS[autosave.state])}
                {autosave.error ? `: ${autosave.error}` : ''}
                {autosave.state === 'error' ? (
                  <>
                    {' '}
                    <Button variant="ghost" onClick={autosave.saveNow}>
                      {t(m.retry)}
                    </Button>
                  </>
                ) : null}
              </p>
            </>
          ) : (
            <>
              <h2 className="note-title-readonly">{note.title}</h2>
              <RichText doc={asDoc(note.body)} />
            </>
          )}
        </div>
        <aside className="note-side">
          <AboutPanel note={note} editable={editable} />
          <RevisionsPanel noteId={note.id} currentRevision={note.revision} canRestore={editable} onRestored={(restored) => showServerVersion(restored)} />
          <WidgetSlot slot="note.detail" objectId={note.id} />
        </aside>
      </div>
      {isAuthor ? <ShareDialog note={note} open={sharing} onOpenChange={setSharing} /> : null}
    </article>
  );
}

/** The slide-over of a note (`?peek=`): its body, read-only. */
export function NoteQuickView({ id }: { id: string }) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(NotesNoteQuery, { variables: { id } });
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const note = data?.note;
  if (!note) return <EmptyState title={t(m.noteNotFound)}>{t(m.noteNotFoundShort)}</EmptyState>;
  return (
    <div className="note-quick-view">
      <h2>{note.title || t(m.untitled)}</h2>
      <p className="muted">
        {note.author?.name ? `${note.author.name} · ` : ''}
        {t(VISIBILITY_LABELS[note.visibility])} · {t(m.updatedAt, { date: formatDateTime(note.updatedAt) })}
      </p>
      <RichText doc={asDoc(note.body)} />
    </div>
  );
}
