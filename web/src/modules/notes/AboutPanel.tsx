import { useApolloClient, useMutation } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useModules } from '../../app/context';
import { describeError, describeUserErrors } from '../../app/errors';
import { useT } from '../../app/i18n';
import { searchProvidersOf, type ModuleDefinition, type SearchResult } from '../../app/registry';
import { QuickViewLink } from '../../layout/QuickView';
import { Button } from '../../ui/controls';
import { Notice } from '../../ui/states';
import { m } from './messages';
import { aboutLabel, typeLabel, type NoteData } from './note';
import { NotesAttachMutation, NotesDetachMutation } from './operations';

/** Quiet time after typing before the search providers are asked. */
export const ATTACH_SEARCH_DELAY_MS = 200;

/** An object's own page, from the module that renders its type (its quick view's `path`). */
function pagePath(modules: readonly ModuleDefinition[], typename: string | undefined, id: string): string | null {
  for (const module of modules) {
    const view = module.quickViews?.find((quickView) => quickView.typename === typename);
    if (view) return view.path(id);
  }
  return null;
}

type AboutResult = { userErrors: readonly { code: string; message: string; field?: readonly string[] | null }[] } | null | undefined;

/**
 * The objects a note is about, as links to their pages; its editor removes them, and attaches more
 * found through the search providers of the cell's modules (the ones Cmd+K uses: tasks, contacts,
 * deals, notes … whatever the cell serves).
 */
export function AboutPanel({ note, editable }: { note: NoteData; editable: boolean }) {
  const t = useT();
  const { id: noteId, aboutIds, about: objects } = note;
  const modules = useModules();
  const [attach] = useMutation(NotesAttachMutation);
  const [detach] = useMutation(NotesDetachMutation);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // `about` leaves out the objects the viewer may not see; `aboutIds` has them all.
  const hidden = aboutIds.length - objects.length;

  async function run(action: () => Promise<AboutResult>): Promise<boolean> {
    setActionError(null);
    setBusy(true);
    try {
      const failure = describeUserErrors((await action())?.userErrors);
      setActionError(failure);
      return !failure;
    } catch (caught) {
      setActionError(describeError(caught));
      return false;
    } finally {
      setBusy(false);
    }
  }

  const remove = (id: string) => run(async () => (await detach({ variables: { input: { id: noteId, aboutIds: [id] } } })).data?.noteDetach);
  const add = (id: string) => run(async () => (await attach({ variables: { input: { id: noteId, aboutIds: [id] } } })).data?.noteAttach);

  return (
    <section className="panel" aria-label={t(m.about)}>
      <h2 className="panel-title">{t(m.about)}</h2>
      {aboutIds.length === 0 ? (
        <p className="muted">
          {t(m.notAboutAnything)}
          {editable ? ` ${t(m.attachBelow)}` : ''}
        </p>
      ) : null}
      <ul className="note-about" aria-label={t(m.objectsAbout)}>
        {objects.map((object) => {
          const path = pagePath(modules, object.__typename, object.id);
          const label = aboutLabel(object);
          return (
            <li key={object.id}>
              <span className="muted">{typeLabel(object.__typename)}</span>{' '}
              {path ? <Link to={path}>{label}</Link> : <QuickViewLink id={object.id}>{label}</QuickViewLink>}
              {editable ? (
                <Button variant="ghost" aria-label={t(m.removeNamed, { name: label })} disabled={busy} onClick={() => void remove(object.id)}>
                  ×
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {hidden > 0 ? <p className="muted">{t(m.hiddenObjects, { count: hidden })}</p> : null}
      {editable ? <AttachPicker exclude={[noteId, ...aboutIds]} disabled={busy} onPick={add} /> : null}
      <Notice>{actionError}</Notice>
    </section>
  );
}

/** Finds objects by title across the cell's modules (their search providers) and picks one to attach. */
function AttachPicker({ exclude, disabled, onPick }: { exclude: readonly string[]; disabled: boolean; onPick: (id: string) => Promise<boolean> }) {
  const t = useT();
  const modules = useModules();
  const client = useApolloClient();
  const [text, setText] = useState('');
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const query = text.trim();

  useEffect(() => {
    if (query.length < 2) {
      setResults(null);
      setError(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setSearching(true);
      Promise.allSettled(searchProvidersOf(modules).map((provider) => provider.search(client, query, controller.signal)))
        .then((settled) => {
          if (controller.signal.aborted) return;
          setResults(settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value : [])));
          const failed = settled.find((outcome) => outcome.status === 'rejected');
          setError(failed ? describeError(failed.reason) : null);
        })
        .finally(() => !controller.signal.aborted && setSearching(false));
    }, ATTACH_SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, modules, client]);

  const shown = (results ?? []).filter((result) => !exclude.includes(result.id));
  return (
    <div className="note-attach">
      <input
        type="search"
        className="note-attach-search"
        aria-label={t(m.findToAttach)}
        placeholder={t(m.attachPlaceholder)}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      {searching ? <p className="muted">{t(m.searching)}</p> : null}
      {results && !searching && shown.length === 0 && !error ? <p className="muted">{t(m.nothingToAttach)}</p> : null}
      {shown.length ? (
        <ul className="note-attach-results" aria-label={t(m.objectsToAttach)}>
          {shown.map((result) => (
            <li key={result.id}>
              <Button
                variant="ghost"
                disabled={disabled}
                aria-label={t(m.attachNamed, { type: typeLabel(result.typename), title: result.title })}
                onClick={async () => {
                  if (await onPick(result.id)) {
                    setText('');
                    setResults(null);
                  }
                }}
              >
                <span>{result.title}</span> <span className="muted">{result.subtitle ?? typeLabel(result.typename)}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <Notice>{error}</Notice>
    </div>
  );
}
