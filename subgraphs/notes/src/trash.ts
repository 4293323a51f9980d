import type { TrashSpec } from '@cellgraph/kernel';

/** Notes in the trash: deleted for good after 30 days, or by `notePurge`. */
export const noteTrash: TrashSpec = {
  type: 'Note',
  table: 'notes',
  event: 'note',
};
