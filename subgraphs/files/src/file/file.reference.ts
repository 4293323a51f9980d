import { referenceThroughLoader } from '@cellgraph/kernel';
import type { FilesServices } from '../services.js';
import { fileById } from './file.loaders.js';

export const resolveFileReference = referenceThroughLoader<FilesServices, unknown>('File', (context) =>
  fileById(context.services, context.loaders, context.request),
);
