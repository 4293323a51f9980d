import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { describeError, describeUserErrors } from '../../app/errors';
import { formatDateTime } from '../../app/format';
import { Button } from '../../ui/controls';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/states';
import { asDoc, VISIBILITY_LABELS } from './body';
import { RichText } from './editor/RichText';
import { RichTextEditor } from './editor/RichTextEditor';
import { WidgetSlot } from '../../layout/WidgetSlot';
import { AboutPanel } from './AboutPanel';
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
    onError: (caught) => setLiveError(`Live updates paused: ${describeError(caught)}`),
  });
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const note = data?.note;
  if (!note)
    return lastChange?.event === 'note.deleted' ? (
      <EmptyState title="Note deleted" action={<Link to="/notes">All notes</Link>}>
        {lastChange.actorName ?? 'Someone'} moved this note to the trash while you were reading it.
      </EmptyState>
    ) : lastChange?.event === 'note.shared' ? (
      <EmptyState title="No longer shared with you" action={<Link to="/notes">All notes</Link>}>
        {lastChange.actorName ?? 'Its author'} stopped sharing this note with you.
      </EmptyState>
    ) : (
      <EmptyState title="Note not found" action={<Link to="/notes">All notes</Link>}>
        It does not exist, was deleted for good, or is not shared with you.
      </EmptyState>
    );
  return (
    <>
      {liveError ? <Notice tone="info">{liveError}</Notice> : null}
      <NoteView note={note} lastChange={lastChange} />
    </>
  );
}

const SAVE_LABELS: Record<SaveState, string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes…',
  saving: 'Saving…',
  conflict: 'Not saved: changed elsewhere',
  error: 'Not saved',
};

function NoteView({ note, lastChange }: { note: NoteData; lastChange: LiveChange | null }) {
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
    <article className="note-page" aria-label={`Note ${note.title}`}>
      <PageHeader
        title={
          <>
            <Link to="/notes" className="note-back">
              Notes
            </Link>{' '}
            / {note.title || 'Untitled'}
          </>
        }
        subtitle={
          <span>
            {note.author ? `By ${note.author.name} · ` : ''}
            {VISIBILITY_LABELS[note.visibility]}
            {note.visibility === 'TEAM' && note.team ? ` (${note.team.name})` : ''}
            {note.visibility === 'USERS' && note.sharedWith.length ? ` (${note.sharedWith.map((user) => user.name).join(', ')})` : ''} · revision{' '}
            {note.revision} · updated {formatDateTime(note.updatedAt)}
          </span>
        }
        actions={
          note.deletedAt ? null : (
            <>
              {editable ? (
                <Button aria-pressed={note.pinned} onClick={() => void togglePinned()}>
                  {note.pinned ? 'Unpin' : 'Pin'}
                </Button>
              ) : null}
              {isAuthor ? <Button onClick={() => setSharing(true)}>Share</Button> : null}
              {editable ? <Button onClick={() => void toggleArchived()}>{note.archivedAt ? 'Unarchive' : 'Archive'}</Button> : null}
              {editable ? (
                <Button variant="danger" onClick={() => void moveToTrash()}>
                  Move to trash
                </Button>
              ) : null}
            </>
          )
        }
      />
      <Notice>{actionError}</Notice>
      {note.deletedAt ? (
        <div className="note-banner" role="status">
          This note is in the trash (since {formatDateTime(note.deletedAt)}).{' '}
          <Button variant="primary" onClick={() => void restoreFromTrash()}>
            Restore
          </Button>
        </div>
      ) : null}
      {note.archivedAt && !note.deletedAt ? (
        <p className="note-banner" role="status">
          Archived on {formatDateTime(note.archivedAt)}.
        </p>
      ) : null}
      {autosave.state === 'conflict' ? (
        <div className="note-banner note-banner-warning" role="alert">
          {autosave.newer
            ? `${lastChange?.actorName ?? 'Someone else'} saved a newer version (revision ${autosave.newer}) while you were editing.`
            : 'Someone else changed this note while you were editing.'}{' '}
          Your edits are not saved yet: keep editing, then choose.{' '}
          <Button
            onClick={async () => {
              const latest = await loadLatest();
              if (latest) showServerVersion(latest);
            }}
          >
            Show their version
          </Button>{' '}
          <Button
            variant="primary"
            onClick={async () => {
              const latest = await loadLatest();
              if (latest) autosave.overwrite(latest.revision);
            }}
          >
            Keep my version
          </Button>
        </div>
      ) : null}
      <div className="note-layout">
        <div className="note-main">
          {editable ? (
            <>
              <div className="field note-title-field">
                <label htmlFor="note-title">Title</label>
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
                label="Note body"
                initialContent={asDoc(note.body)}
                onChange={(body) => autosave.change({ body })}
                mentionable={people.mentionable}
              />
              <p className={`note-save note-save-${autosave.state}`} role="status" aria-live="polite">
                {SAVE_LABELS[autosave.state]}
                {autosave.error ? `: ${autosave.error}` : ''}
                {autosave.state === 'error' ? (
                  <>
                    {' '}
                    <Button variant="ghost" onClick={autosave.saveNow}>
                      Retry
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
  const { data, loading, error, refetch } = useQuery(NotesNoteQuery, { variables: { id } });
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const note = data?.note;
  if (!note) return <EmptyState title="Note not found">It does not exist, or is not shared with you.</EmptyState>;
  return (
    <div className="note-quick-view">
      <h2>{note.title || 'Untitled'}</h2>
      <p className="muted">
        {note.author?.name ? `${note.author.name} · ` : ''}
        {VISIBILITY_LABELS[note.visibility]} · updated {formatDateTime(note.updatedAt)}
      </p>
      <RichText doc={asDoc(note.body)} />
    </div>
  );
}
