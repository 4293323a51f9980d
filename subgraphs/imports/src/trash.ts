import type { TrashSpec } from '@cellgraph/kernel';

/** Data imports in the trash: deleted for good after 30 days, or by `dataImportPurge`. */
export const dataImportTrash: TrashSpec = {
  type: 'DataImport',
  table: 'data_imports',
  event: 'data_import',
};
