import type { Authorizer, Database } from '@cellgraph/kernel';
import type { DataImportService } from './data-import/data-import.service.js';

/** What every resolver of the imports subgraph receives. */
export interface ImportsServices {
  db: Database;
  authz: Authorizer;
  dataImports: DataImportService;
}
