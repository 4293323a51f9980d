import { useSubscription } from '@apollo/client/react';
import { NotesNoteChangedSubscription } from './operations';

/** Changes that can take a note out of a list, or move it: deleted, hidden, archived, pinned, shared, attached or detached. */
export function reshapesList(change: { event: string; note: unknown; changedFields: readonly string[] }): boolean {
  if (!change.note || change.event !== 'note.updated') return true;
  return change.changedFields.some((field) => field === 'pinned' || field === 'archivedAt');
}

/**
 * Keeps one listed note live (`noteChanged`, one subscription per row over the app's one
 * WebSocket): its new title, excerpt, pin and sharing land in Apollo's cache, which re-renders the
 * row; a change that can take it out of the list or move it calls `onReshape` (the list is read again).
 */
export function NoteLiveUpdates({ id, onReshape }: { id: string; onReshape: () => void }) {
  useSubscription(NotesNoteChangedSubscription, {
    variables: { id },
    onData: ({ data: change }) => {
      const noteChange = change.data?.noteChanged;
      if (noteChange && reshapesList(noteChange)) onReshape();
    },
    // A list without live rows still works: it is read again on the next visit.
    onError: () => undefined,
  });
  return null;
}
