import type { Authorizer, Database } from '@cellgraph/kernel';
import type { FileChanges } from './file/file-changes.js';
import type { AvatarService } from './avatar/avatar.service.js';
import type { FileCleanup } from './file/file-cleanup.js';
import type { FileService } from './file/file.service.js';
import type { FolderService } from './folder/folder.service.js';
import type { ObjectStore } from './storage/object-store.js';

/** What every resolver of the files subgraph receives. */
export interface FilesServices {
  db: Database;
  authz: Authorizer;
  store: ObjectStore;
  files: FileService;
  folders: FolderService;
  changes: FileChanges;
  avatars: AvatarService;
  cleanup: FileCleanup;
}
