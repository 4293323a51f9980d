import type { LoaderRegistry, RequestContext, SubgraphContext } from '@cellgraph/kernel';
import type { NotesServices } from '../services.js';
import type { Note } from './note.entity.js';

/*
 * Per-request DataLoaders of notes: N parents cost one query.
 */

/** Notes by id for the caller: null when absent (or in the trash), a FORBIDDEN error when unreadable. */
export const noteById = ({ notes }: NotesServices, loaders: LoaderRegistry, request: RequestContext) => notes.access.loader(loaders, request);

/** One note for a field or query; an unreadable one raises its FORBIDDEN error at that field. */
export const loadNote = (context: SubgraphContext<NotesServices>, id: string | null): Promise<Note | null> =>
  context.services.notes.access.loadReadable(context.loaders, context.request, id);
