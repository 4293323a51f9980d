import type { TrashSpec } from '@cellgraph/kernel';

/** Files in the trash: deleted for good after 30 days, or by `filePurge`. */
export const fileTrash: TrashSpec = {
  type: 'File',
  table: 'files',
  event: 'file',
};
