import { referenceThroughLoader } from '@cellgraph/kernel';
import type { FilesServices } from '../services.js';
import { folderById } from './folder.loaders.js';

export const resolveFolderReference = referenceThroughLoader<FilesServices, unknown>('Folder', (context) =>
  folderById(context.services, context.loaders, context.request),
);
