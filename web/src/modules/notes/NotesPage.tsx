import { useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatDateTime } from '../../app/format';
import type { NoteFilter } from '../../gql/graphql';
import { Button } from '../../ui/controls';
import { Dialog } from '../../ui/Dialog';
import { PageHeader } from '../../ui/PageHeader';
import { useCursorPages } from '../../ui/paging';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { VISIBILITY_LABELS } from './body';
import { NoteLiveUpdates } from './NoteLive';
import { NoteComposer } from './NoteComposer';
import { NotesListQuery } from './operations';
import { usePeople } from './people';
import './notes.css';

export type NotesView = 'all' | 'mine' | 'shared' | 'archived';

const VIEWS: { view: NotesView; label: string }[] = [
  { view: 'all', label: 'All' },
  { view: 'mine', label: 'Mine' },
  { view: 'shared', label: 'Shared with me' },
  { view: 'archived', label: 'Archived' },
];

/** Pause after typing in the search box before asking the API. */
const SEARCH_DELAY_MS = 250;

/** The API filter of a view and a search: archived notes only under Archived; the API orders pinned first. */
export function notesFilter(view: NotesView, search: string, meId: string | null): NoteFilter {
  const parts: NoteFilter[] = [{ archived: { eq: view === 'archived' } }];
  if (view === 'mine' && meId) parts.push({ authorId: { eq: meId } });
  if (view === 'shared' && meId) parts.push({ authorId: { neq: meId } });
  const text = search.trim();
  if (text) parts.push({ or: [{ title: { contains: text } }, { text: { contains: text } }] });
  return parts.length === 1 ? parts[0]! : { and: parts };
}

/** /notes — the notes the viewer may read: pinned first, searchable, by whose they are, or archived. */
export function NotesPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { meId } = usePeople();
  const [view, setView] = useState<NotesView>('all');
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const pages = useCursorPages();
  const needsMe = view === 'mine' || view === 'shared';
  const { data, loading, error, refetch } = useQuery(NotesListQuery, {
    variables: { filter: notesFilter(view, search, meId), ...pages.variables },
    skip: needsMe && !meId,
    fetchPolicy: 'cache-and-network',
  });
  // The pager's reset is a new function each render; the search timer must not restart with it.
  const resetPages = useRef(pages.reset);
  resetPages.current = pages.reset;

  useEffect(() => {
    if (typed === search) return;
    const timer = setTimeout(() => {
      setSearch(typed);
      resetPages.current();
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, search]);

  const composing = params.get('new') === '1';
  const setComposing = (open: boolean) => {
    if (open) params.set('new', '1');
    else params.delete('new');
    setParams(params);
  };
  const connection = data?.notes;
  const notes = connection?.nodes ?? [];
  const paging = pages.paging(connection?.pageInfo);

  return (
    <div className="notes-page">
      <PageHeader
        title="Notes"
        subtitle={connection ? `${connection.totalCount} ${connection.totalCount === 1 ? 'note' : 'notes'}` : undefined}
        actions={
          <Button variant="primary" onClick={() => setComposing(true)}>
            New note
          </Button>
        }
      />
      <div className="notes-toolbar">
        <div className="segmented" role="group" aria-label="Show">
          {VIEWS.map((option) => (
            <Button
              key={option.view}
              variant={view === option.view ? 'primary' : 'secondary'}
              aria-pressed={view === option.view}
              onClick={() => {
                setView(option.view);
                pages.reset();
              }}
            >
              {option.label}
            </Button>
          ))}
        </div>
        <input
          className="notes-search"
          type="search"
          aria-label="Search notes"
          placeholder="Search notes…"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
      </div>
      {error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : !data ? (
        <Loading />
      ) : notes.length === 0 ? (
        <EmptyState title={search ? 'No notes match' : 'No notes here'}>
          {search ? 'Try other words.' : view === 'archived' ? 'Archived notes appear here.' : 'Write a note, or ask a colleague to share theirs.'}
        </EmptyState>
      ) : (
        <ul className="note-list" aria-label="Notes" aria-busy={loading || undefined}>
          {notes.map((note) => (
            <li key={note.id} className="note-row">
              <NoteLiveUpdates id={note.id} onReshape={() => void refetch()} />
              <Link to={`/notes/${encodeURIComponent(note.id)}`} className="note-row-title">
                {note.title || 'Untitled'}
              </Link>
              {note.pinned ? <span className="note-pin">Pinned</span> : null}
              <p className="note-excerpt">{note.excerpt}</p>
              <p className="muted note-meta">
                {note.author?.id === meId ? 'You' : (note.author?.name ?? 'Someone')} · {VISIBILITY_LABELS[note.visibility]} · updated{' '}
                {formatDateTime(note.updatedAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {paging ? (
        <div className="pager">
          <Button disabled={!paging.hasPreviousPage} onClick={paging.onPrevious}>
            Previous
          </Button>
          <Button disabled={!paging.hasNextPage} onClick={paging.onNext}>
            Next
          </Button>
        </div>
      ) : null}
      <Dialog open={composing} onOpenChange={setComposing} title="New note">
        <NoteComposer onCreated={(note) => navigate(`/notes/${encodeURIComponent(note.id)}`)} refetchQueries={['NotesList']} />
      </Dialog>
    </div>
  );
}
