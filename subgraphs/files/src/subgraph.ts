import { defineSubgraph, KEY_FORBIDDEN, referenceAsIs } from '@cellgraph/kernel';
import { Avatar } from './avatar/avatar.entity.js';
import { AvatarResolver } from './avatar/avatar.resolver.js';
import { AvatarService } from './avatar/avatar.service.js';
import { FILES_CLEANUP_JOB, filesEvents } from './contracts.js';
import { FileCleanup } from './file/file-cleanup.js';
import { File } from './file/file.entity.js';
import { resolveFileConnectionReference } from './file/file-connection.reference.js';
import { resolveFileReference } from './file/file.reference.js';
import { FileResolver } from './file/file.resolver.js';
import { FileService } from './file/file.service.js';
import { Upload } from './file/upload.entity.js';
import { migrations } from './migrations/index.js';
import type { FilesServices } from './services.js';
import { S3ObjectStore } from './storage/object-store.js';
import { parseStorageConfig } from './storage/storage.config.js';
import { fileTrash } from './trash.js';

export const filesSubgraph = defineSubgraph<FilesServices>({
  name: 'files',
  description: 'Files: uploads by presigned URL to an S3-compatible store, downloads, the trash and quotas.',
  scope: 'files',
  scopeDescription: 'files (uploads, downloads, renames, the trash)',
  keyAccess: {
    // Like identity's userUpdate, a key never changes a person's profile.
    userAvatarSet: KEY_FORBIDDEN,
    'User.avatar': 'files:read',
  },
  nodeTypes: ['File'],
  nodeConnections: [{ field: 'files', type: 'FileConnection', description: 'Files attached to it (those you may read), newest first.' }],
  trash: [fileTrash],
  dependsOn: ['identity'],
  migrations,
  entities: [File, Upload, Avatar],
  resolvers: [FileResolver, AvatarResolver],
  references: {
    File: resolveFileReference,
    FileConnection: resolveFileConnectionReference,
    User: referenceAsIs,
  },
  emits: filesEvents,
  createServices({ db, authz, graph, env }) {
    const config = parseStorageConfig(env);
    const store = new S3ObjectStore(config);
    const avatars = new AvatarService(db, authz, config);
    const files = new FileService(db, authz, graph, store, config, (request, fileIds) => avatars.avatarFiles(request, fileIds));
    return { db, authz, store, files, avatars, cleanup: new FileCleanup(db, store) };
  },
  jobs: ({ cleanup }) => ({
    [FILES_CLEANUP_JOB]: async () => {
      await cleanup.run();
    },
  }),
  schedules: [{ job: FILES_CLEANUP_JOB, everyMs: 60_000 }],
});
