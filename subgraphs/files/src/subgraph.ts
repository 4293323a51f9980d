import { defineSubgraph, referenceAsIs } from '@cellgraph/kernel';
import { filesEvents } from './contracts.js';
import { File } from './file/file.entity.js';
import { resolveFileReference } from './file/file.reference.js';
import { FileResolver } from './file/file.resolver.js';
import { FileService } from './file/file.service.js';
import { migrations } from './migrations/index.js';
import type { FilesServices } from './services.js';
import { fileTrash } from './trash.js';

export const filesSubgraph = defineSubgraph<FilesServices>({
  name: 'files',
  description: 'Files: files.',
  scope: 'files',
  scopeDescription: 'files',
  nodeTypes: ['File'],
  trash: [fileTrash],
  dependsOn: ['identity'],
  migrations,
  entities: [File],
  resolvers: [FileResolver],
  references: {
    File: resolveFileReference,
    User: referenceAsIs,
  },
  emits: filesEvents,
  createServices({ db, authz }) {
    return { db, authz, files: new FileService(db, authz) };
  },
});
