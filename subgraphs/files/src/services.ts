import type { Authorizer, Database } from '@cellgraph/kernel';
import type { FileService } from './file/file.service.js';

/** What every resolver of the files subgraph receives. */
export interface FilesServices {
  db: Database;
  authz: Authorizer;
  files: FileService;
}
