import type { Authorizer, Database } from '@cellgraph/kernel';
import type { DataExportRunner } from './data-export/data-export.runner.js';
import type { DataExportService } from './data-export/data-export.service.js';

/** What every resolver of the exports subgraph receives. */
export interface ExportsServices {
  db: Database;
  authz: Authorizer;
  dataExports: DataExportService;
  runner: DataExportRunner;
}
