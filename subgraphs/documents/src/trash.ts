import type { TrashSpec } from '@cellgraph/kernel';

/** Documents in the trash: deleted for good after 30 days, or by `documentPurge`. */
export const documentTrash: TrashSpec = {
  type: 'Document',
  table: 'documents',
  event: 'document',
};
