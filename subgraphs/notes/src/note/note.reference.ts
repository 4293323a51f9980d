import {
  argumentsKey,
  parseNodeConnectionRequest,
  referenceThroughLoader,
  type Connection,
  type ReferenceResolver,
  type SubgraphContext,
} from '@cellgraph/kernel';
import type { NotesServices } from '../services.js';
import { NoteConnection } from './note-connection.js';
import type { Note } from './note.entity.js';
import { noteById } from './note.loaders.js';

export const resolveNoteReference = referenceThroughLoader<NotesServices, unknown>('Note', (context) =>
  noteById(context.services, context.loaders, context.request),
);

/**
 * `Node.notes(…)` of any object, as the node subgraph asks for it: the reference names the object
 * and the page. The objects of one fetch asking the same page share one loader, so a page of N tasks
 * costs one statement for all their notes.
 */
export const resolveNoteConnectionReference: ReferenceResolver<SubgraphContext<NotesServices>> = async (reference, context) => {
  const request = String(reference.request);
  const { about, ...page } = parseNodeConnectionRequest(request);
  const loader = context.loaders.get<string, Connection<Note>>(`notes-about:${argumentsKey(page)}`, (abouts) =>
    context.services.notes.aboutPages(context.request, abouts, page),
  );
  return NoteConnection.of(request, await loader.load(about));
};
