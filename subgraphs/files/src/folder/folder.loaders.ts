import type { LoaderRegistry, RequestContext, SubgraphContext } from '@cellgraph/kernel';
import type { FilesServices } from '../services.js';
import type { Folder } from './folder.entity.js';

/*
 * Per-request DataLoaders of folders: N parents cost one query.
 */

/** Folders by id for the caller: null when absent (or in the trash), a FORBIDDEN error when unreadable. */
export const folderById = ({ folders }: FilesServices, loaders: LoaderRegistry, request: RequestContext) => folders.access.loader(loaders, request);

/** One folder for a query; an unreadable one raises its FORBIDDEN error at that field. */
export const loadFolder = (context: SubgraphContext<FilesServices>, id: string | null): Promise<Folder | null> =>
  context.services.folders.access.loadReadable(context.loaders, context.request, id);

/**
 * The folder a file is in, as a field of a file the caller reads: null at the top level, and null
 * (without an error) for a folder the caller does not read — a file shared through the object it is
 * attached to does not reveal the uploader's folders.
 */
export async function visibleFolder(context: SubgraphContext<FilesServices>, id: string | null): Promise<Folder | null> {
  if (!id) return null;
  try {
    // DataLoader rejects with the FORBIDDEN error the batch answered for an unreadable folder.
    return (await folderById(context.services, context.loaders, context.request).load(id)) as Folder | null;
  } catch (error) {
    if ((error as { extensions?: { code?: string } }).extensions?.code === 'FORBIDDEN') return null;
    throw error;
  }
}

/** A folder's ancestors from the top level down; the folders of one response cost one statement. */
export const ancestorsOf = (context: SubgraphContext<FilesServices>, folder: Folder): Promise<Folder[]> =>
  context.loaders.get<string, Folder[]>('files.folderAncestors', (ids) => context.services.folders.ancestors(context.request, ids)).load(folder.id);
