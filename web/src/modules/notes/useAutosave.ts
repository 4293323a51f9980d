import { useMutation } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError, describeUserErrors } from '../../app/errors';
import { asJson } from './body';
import type { RichTextNode } from './editor/schema';
import { NotesUpdateMutation } from './operations';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'error';

interface Changes {
  title?: string;
  body?: RichTextNode;
}

/** Quiet time after the last keystroke before a save. */
export const AUTOSAVE_DELAY_MS = 800;

/**
 * Saves a note's title and body a moment after typing stops, one save at a time, each on top of
 * the revision it was edited from (`expectedRevision`). When someone else saved in between the
 * server refuses with NOTE_REVISION_CONFLICT: nothing is overwritten, the edits are kept here and
 * the page asks whether to load the other version or save these on top of it.
 *
 * Live changes (`noteChanged`) report the revisions saved elsewhere through `seen`: with nothing
 * waiting to be saved, `onNewer` lets the page show that revision; with local edits waiting, saving
 * pauses in the same `conflict` state before the server has to refuse, so nothing is clobbered and
 * the user chooses. A save in flight is waited for first: its own revision is not someone else's.
 */
export function useAutosave(noteId: string, revision: number, options: { delay?: number; onNewer?: (revision: number) => void } = {}) {
  const delay = options.delay ?? AUTOSAVE_DELAY_MS;
  const [update] = useMutation(NotesUpdateMutation);
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<string | null>(null);
  // The revision saved elsewhere that paused saving (null when the server refused a save instead).
  const [newer, setNewer] = useState<number | null>(null);
  // Timers and in-flight saves outlive renders: they work on refs.
  const base = useRef(revision);
  const pending = useRef<Changes | null>(null);
  const saving = useRef(false);
  const conflict = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The newest revision known to exist on the server (live changes, loaded notes).
  const latest = useRef(revision);
  const onNewer = useRef(options.onNewer);
  onNewer.current = options.onNewer;

  /** Compares what the edits are based on with the newest revision known to exist. */
  const reconcile = useCallback(() => {
    if (saving.current || latest.current <= base.current) return;
    if (pending.current || conflict.current) {
      clearTimeout(timer.current);
      conflict.current = true;
      setNewer(latest.current);
      setState('conflict');
      return;
    }
    onNewer.current?.(latest.current);
  }, []);

  const seen = useCallback(
    (revision: number) => {
      if (revision <= latest.current) return;
      latest.current = revision;
      reconcile();
    },
    [reconcile],
  );

  const flush = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (saving.current || conflict.current || !pending.current) return;
    const changes = pending.current;
    pending.current = null;
    saving.current = true;
    setState('saving');
    const keep = () => (pending.current = { ...changes, ...pending.current });
    try {
      const { data } = await update({
        variables: {
          input: {
            id: noteId,
            ...(changes.title !== undefined ? { title: changes.title } : {}),
            ...(changes.body ? { body: asJson(changes.body) } : {}),
            expectedRevision: base.current,
          },
        },
      });
      const payload = data?.noteUpdate;
      if (payload?.userErrors.some((userError) => userError.code === 'NOTE_REVISION_CONFLICT')) {
        keep();
        conflict.current = true;
        setState('conflict');
        return;
      }
      const failure = describeUserErrors(payload?.userErrors);
      if (failure) {
        keep();
        setError(failure);
        setState('error');
        return;
      }
      if (payload?.note) base.current = payload.note.revision;
      setError(null);
      setState(pending.current ? 'unsaved' : 'saved');
    } catch (caught) {
      keep();
      setError(describeError(caught));
      setState('error');
    } finally {
      saving.current = false;
      // A revision saved elsewhere while this save was in flight: decided now that ours is known.
      reconcile();
      // Typing during the save: save that too, after the same quiet time.
      if (pending.current && !conflict.current) timer.current = setTimeout(() => void flush(), delay);
    }
  }, [update, noteId, delay, reconcile]);

  const change = useCallback(
    (changes: Changes) => {
      pending.current = { ...pending.current, ...changes };
      setState(conflict.current ? 'conflict' : 'unsaved');
      clearTimeout(timer.current);
      if (!conflict.current) timer.current = setTimeout(() => void flush(), delay);
    },
    [flush, delay],
  );

  // Leaving the page saves what is still waiting.
  useEffect(() => () => void flush(), [flush]);

  return {
    state,
    error,
    change,
    /** Save now (e.g. "Retry" after an error). */
    saveNow: () => void flush(),
    /** A revision exists on the server (a live change, the note loaded again): see `onNewer` and `conflict`. */
    seen,
    /** The newer revision that paused saving before a save was refused, if that is what happened. */
    newer,
    /** The page now shows `revision` as it is on the server (loaded, or a revision restored): local edits are dropped. */
    adopt(revision: number) {
      clearTimeout(timer.current);
      pending.current = null;
      conflict.current = false;
      base.current = revision;
      latest.current = Math.max(latest.current, revision);
      setNewer(null);
      setError(null);
      setState('saved');
    },
    /** After a conflict: save the local edits on top of the server's `latest` revision. */
    overwrite(revision: number) {
      conflict.current = false;
      base.current = revision;
      latest.current = Math.max(latest.current, revision);
      setNewer(null);
      void flush();
    },
  };
}
