import type { ModuleDefinition } from '../../app/registry';
import { ExportAction } from './ExportAction';

/** Exports: the Export action of every list (DataTable's `exportable`), shown when the cell serves the exports subgraph. */
export const exportsModule: ModuleDefinition = {
  subgraph: 'exports',
  listExport: ExportAction,
};
