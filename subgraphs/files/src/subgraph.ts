import { defineSubgraph, KEY_FORBIDDEN, referenceAsIs, deletionEvents } from '@cellgraph/kernel';
import { fileJobMessages } from './messages.js';
import { Avatar } from './avatar/avatar.entity.js';
import { AvatarResolver } from './avatar/avatar.resolver.js';
import { AvatarService } from './avatar/avatar.service.js';
import { FILES_CLEANUP_JOB, filesEvents } from './contracts.js';
import { FileAccessRule } from './file/file-access.js';
import { FileChanges } from './file/file-changes.js';
import { FileCleanup } from './file/file-cleanup.js';
import { File } from './file/file.entity.js';
import { resolveFileConnectionReference } from './file/file-connection.reference.js';
import { resolveFileReference } from './file/file.reference.js';
import { FileLiveResolver } from './file/file.live.js';
import { FileResolver } from './file/file.resolver.js';
import { FileService } from './file/file.service.js';
import { Upload } from './file/upload.entity.js';
import { Folder } from './folder/folder.entity.js';
import { resolveFolderReference } from './folder/folder.reference.js';
import { FolderResolver } from './folder/folder.resolver.js';
import { FolderService } from './folder/folder.service.js';
import { migrations } from './migrations/index.js';
import type { FilesServices } from './services.js';
import { S3ObjectStore } from './storage/object-store.js';
import { parseStorageConfig } from './storage/storage.config.js';
import { fileTrash, folderTrash } from './trash.js';

export const filesSubgraph = defineSubgraph<FilesServices>({
  name: 'files',
  description: 'Files: uploads by presigned URL to an S3-compatible store, downloads, folders, the trash and quotas.',
  scope: 'files',
  scopeDescription: 'files and folders (uploads, downloads, renames, moves, the trash) and avatars',
  keyAccess: {
    // Like identity's userUpdate, a key never changes a person's profile.
    userAvatarSet: KEY_FORBIDDEN,
    'User.avatar': 'files:read',
  },
  nodeTypes: ['File', 'Folder'],
  // Found by the cell's search (the kernel writes their documents from these events).
  searchable: [{ type: 'File', table: 'files', title: 'name', events: ['file.*'] }],
  // File.about: the object a file is attached to, resolved like node(id:) (null when missing or hidden).
  nodeReferences: [
    { type: 'File', field: 'about', from: 'aboutId', target: 'Node', description: 'The object it is attached to (null when you cannot see it).' },
  ],
  nodeConnections: [
    { field: 'files', type: 'FileConnection', description: 'Files attached to it (those you may read), newest first; on a Folder: the files in it.' },
  ],
  trash: [fileTrash, folderTrash],
  dependsOn: ['identity'],
  migrations,
  entities: [File, Upload, Folder, Avatar],
  resolvers: [FileResolver, FolderResolver, FileLiveResolver, AvatarResolver],
  liveEvents: { fileChanged: { events: ['file.*', 'folder.*'], routes: { aboutId: ['data.aboutId'] } } },
  references: {
    File: resolveFileReference,
    Folder: resolveFolderReference,
    FileConnection: resolveFileConnectionReference,
    User: referenceAsIs,
  },
  emits: filesEvents,
  audited: deletionEvents(filesEvents),
  createServices({ db, authz, graph, env }) {
    const config = parseStorageConfig(env);
    const store = new S3ObjectStore(config);
    const avatars = new AvatarService(db, authz, config);
    const rule = new FileAccessRule(authz, graph, (request, fileIds) => avatars.avatarFiles(request, fileIds));
    const folders = new FolderService(db, authz, rule);
    const files = new FileService(db, authz, graph, store, config, rule, folders);
    return { db, authz, store, files, folders, avatars, changes: new FileChanges(db, rule, folders), cleanup: new FileCleanup(db, store) };
  },
  jobs: ({ cleanup }) => ({
    [FILES_CLEANUP_JOB]: async () => {
      await cleanup.run();
    },
  }),
  schedules: [{ job: FILES_CLEANUP_JOB, everyMs: 60_000, description: fileJobMessages.cleanup }],
});
