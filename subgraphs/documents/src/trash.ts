import type { TrashSpec } from '@cellgraph/kernel';

/** Documents in the trash: deleted for good after 30 days, or by `documentPurge`. */
export const documentTrash: TrashSpec = {
  type: 'Document',
  table: 'documents',
  event: 'document',
};

/** Clauses in the trash: deleted for good after 30 days, or by `clausePurge`, with their versions and their rows in documents (the documents keep the text). */
export const clauseTrash: TrashSpec = {
  type: 'Clause',
  table: 'clauses',
  event: 'clause',
};
