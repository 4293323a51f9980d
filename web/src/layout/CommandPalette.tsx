import { useApolloClient } from '@apollo/client/react';
import { Command } from 'cmdk';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useModules } from '../app/context';
import { searchProvidersOf, type Command as PaletteCommand, type SearchResult } from '../app/registry';
import { Highlighted } from '../ui/Highlighted';
import { describeError } from '../app/errors';
import { quickViewPath } from './QuickView';
import { labelText, useT, useTranslator } from '../app/i18n';
import { m } from './messages';

const SEARCH_DELAY_MS = 200;

/**
 * Cmd+K (Ctrl+K): go anywhere, create anything, and find any object by title through the
 * search providers of the cell's modules. Results open in the quick-view panel.
 */
export function CommandPalette() {
  const t = useT();
  const reader = useTranslator();
  const modules = useModules();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [results, setResults] = useState<SearchResult[]>([]);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === 'k' && (event.metaKey || event.ctrlKey)) {
        event.preventDefault();
        setOpen((was) => !was);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const commands = useMemo<(Omit<PaletteCommand, 'label'> & { label: string })[]>(
    () => [
      ...modules.flatMap((module) =>
        (module.navigation ?? []).map((item) => ({
          id: `go:${item.path}`,
          label: reader.t(m.goTo, { place: labelText(item.label, reader) }),
          group: 'Navigate' as const,
          path: item.path,
        })),
      ),
      { id: 'go:/settings', label: reader.t(m.goTo, { place: reader.t(m.settings) }), group: 'Navigate' as const, path: '/settings' },
      ...modules.flatMap((module) => (module.commands ?? []).map((command) => ({ ...command, label: labelText(command.label, reader) }))),
    ],
    [modules, reader],
  );

  useEffect(() => {
    const query = text.trim();
    if (!open || query.length < 2) {
      setResults([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setSearching(true);
      setError(null);
      Promise.allSettled(searchProvidersOf(modules).map((provider) => provider.search(client, query, controller.signal)))
        .then((settled) => {
          if (controller.signal.aborted) return;
          setResults(settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value : [])));
          const failed = settled.find((outcome) => outcome.status === 'rejected');
          setError(failed ? describeError(failed.reason) : null);
        })
        .finally(() => !controller.signal.aborted && setSearching(false));
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, open, modules, client]);

  const go = (path: string) => {
    setOpen(false);
    setText('');
    void navigate(path);
  };

  return (
    <>
      <button type="button" className="palette-trigger" onClick={() => setOpen(true)} aria-keyshortcuts="Meta+K Control+K">
        <span>{t(m.searchOrJump)}</span>
        <kbd>⌘K</kbd>
      </button>
      <Command.Dialog open={open} onOpenChange={setOpen} label={t(m.commandPalette)} className="palette" overlayClassName="overlay" shouldFilter={true}>
        <Command.Input value={text} onValueChange={setText} placeholder={t(m.typeCommand)} className="palette-input" />
        <Command.List className="palette-list">
          <Command.Empty>{searching ? t(m.searching) : t(m.noResults)}</Command.Empty>
          {error ? <div className="palette-error">{error}</div> : null}
          {results.length > 0 ? (
            <Command.Group heading={t(m.objects)}>
              {results.map((result) => (
                <Command.Item
                  key={result.id}
                  value={`${result.title} ${result.id}`}
                  keywords={[text]}
                  onSelect={() => go(quickViewPath(result.id))}
                  className="palette-item"
                >
                  <span>
                    <Highlighted text={result.title} highlights={result.titleHighlights} />
                  </span>
                  <span className="muted">{result.subtitle ?? result.typename}</span>
                  {result.snippet ? (
                    <span className="palette-snippet muted">
                      <Highlighted text={result.snippet.text} highlights={result.snippet.highlights} />
                    </span>
                  ) : null}
                </Command.Item>
              ))}
            </Command.Group>
          ) : null}
          {(['Create', 'Navigate'] as const).map((group) => (
            <Command.Group key={group} heading={group === 'Create' ? t(m.groupCreate) : t(m.groupNavigate)}>
              {commands
                .filter((command) => command.group === group)
                .map((command) => (
                  <Command.Item key={command.id} value={command.label} keywords={command.keywords} onSelect={() => go(command.path)} className="palette-item">
                    {command.label}
                  </Command.Item>
                ))}
            </Command.Group>
          ))}
        </Command.List>
      </Command.Dialog>
    </>
  );
}
