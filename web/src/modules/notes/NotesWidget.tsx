import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n';
import { Button } from '../../ui/controls';
import { ErrorState, Loading } from '../../ui/states';
import { m } from './messages';
import { NoteLiveUpdates } from './NoteLive';
import { NoteComposer } from './NoteComposer';
import { NotesAboutQuery } from './operations';
import './notes.css';

const SHOWN = 20;

/** On a task, contact or deal page: the notes about it the viewer may read, and a new one about it. */
export function NotesWidget({ objectId }: { objectId: string }) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(NotesAboutQuery, { variables: { id: objectId, first: SHOWN }, fetchPolicy: 'cache-and-network' });
  const [composing, setComposing] = useState(false);
  const connection = data?.node?.notes;
  const notes = connection?.nodes ?? [];
  return (
    <div className="notes-widget">
      {error && !data ? <ErrorState error={error} retry={() => void refetch()} /> : null}
      {loading && !data ? <Loading /> : null}
      {data && notes.length === 0 ? <p className="muted">{t(m.noNotesAbout)}</p> : null}
      {notes.length ? (
        <ul className="note-list note-list-compact" aria-label={t(m.notesAbout)}>
          {notes.map((note) => (
            <li key={note.id}>
              <NoteLiveUpdates id={note.id} onReshape={() => void refetch()} />
              <Link to={`/notes/${encodeURIComponent(note.id)}`}>{note.title || t(m.untitled)}</Link>
              {note.pinned ? <span className="note-pin"> · {t(m.pinnedInline)}</span> : null}
              <span className="muted">
                {' '}
                · {note.author?.name ?? t(m.someone)} · {formatDateTime(note.updatedAt)}
              </span>
              {note.excerpt ? <p className="note-excerpt">{note.excerpt}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {connection && connection.totalCount > notes.length ? <p className="muted">{t(m.andMore, { count: connection.totalCount - notes.length })}</p> : null}
      {composing ? (
        <NoteComposer aboutIds={[objectId]} submitLabel={t(m.addNote)} refetchQueries={['NotesAbout']} onCreated={() => setComposing(false)} />
      ) : (
        <Button onClick={() => setComposing(true)}>{t(m.addANote)}</Button>
      )}
    </div>
  );
}
