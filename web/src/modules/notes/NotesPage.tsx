import { useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatDateTime } from '../../app/format';
import { useT, type Message } from '../../app/i18n';
import type { NoteFilter } from '../../gql/graphql';
import { Button } from '../../ui/controls';
import { Dialog } from '../../ui/Dialog';
import { PageHeader } from '../../ui/PageHeader';
import { useCursorPages } from '../../ui/paging';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { VISIBILITY_LABELS } from './body';
import { NoteLiveUpdates } from './NoteLive';
import { m } from './messages';
import { NoteComposer } from './NoteComposer';
import { NotesListQuery } from './operations';
import { usePeople } from './people';
import './notes.css';

export type NotesView = 'all' | 'mine' | 'shared' | 'archived';

const VIEWS: { view: NotesView; label: Message }[] = [
  { view: 'all', label: m.viewAll },
  { view: 'mine', label: m.viewMine },
  { view: 'shared', label: m.viewShared },
  { view: 'archived', label: m.viewArchived },
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
  const t = useT();
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
        title={t(m.notes)}
        subtitle={connection ? t(m.noteCount, { count: connection.totalCount }) : undefined}
        actions={
          <Button variant="primary" onClick={() => setComposing(true)}>
            {t(m.newNote)}
          </Button>
        }
      />
      <div className="notes-toolbar">
        <div className="segmented" role="group" aria-label={t(m.show)}>
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
              {t(option.label)}
            </Button>
          ))}
        </div>
        <input
          className="notes-search"
          type="search"
          aria-label={t(m.searchNotes)}
          placeholder={t(m.searchNotesPlaceholder)}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
      </div>
      {error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : !data ? (
        <Loading />
      ) : notes.length === 0 ? (
        <EmptyState title={t(search ? m.noNotesMatch : m.noNotesHere)}>
          {t(search ? m.tryOtherWords : view === 'archived' ? m.archivedAppearHere : m.writeOrAsk)}
        </EmptyState>
      ) : (
        <ul className="note-list" aria-label={t(m.notes)} aria-busy={loading || undefined}>
          {notes.map((note) => (
            <li key={note.id} className="note-row">
              <NoteLiveUpdates id={note.id} onReshape={() => void refetch()} />
              <Link to={`/notes/${encodeURIComponent(note.id)}`} className="note-row-title">
                {note.title || t(m.untitled)}
              </Link>
              {note.pinned ? <span className="note-pin">{t(m.pinned)}</span> : null}
              <p className="note-excerpt">{note.excerpt}</p>
              <p className="muted note-meta">
                {note.author?.id === meId ? t(m.you) : (note.author?.name ?? t(m.someone))} · {t(VISIBILITY_LABELS[note.visibility])} ·{' '}
                {t(m.updatedAt, { date: formatDateTime(note.updatedAt) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {paging ? (
        <div className="pager">
          <Button disabled={!paging.hasPreviousPage} onClick={paging.onPrevious}>
            {t(m.previous)}
          </Button>
          <Button disabled={!paging.hasNextPage} onClick={paging.onNext}>
            {t(m.next)}
          </Button>
        </div>
      ) : null}
      <Dialog open={composing} onOpenChange={setComposing} title={t(m.newNote)}>
        <NoteComposer onCreated={(note) => navigate(`/notes/${encodeURIComponent(note.id)}`)} refetchQueries={['NotesList']} />
      </Dialog>
    </div>
  );
}
