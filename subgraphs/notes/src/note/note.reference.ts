import { referenceThroughLoader } from '@cellgraph/kernel';
import type { NotesServices } from '../services.js';
import { noteById } from './note.loaders.js';

export const resolveNoteReference = referenceThroughLoader<NotesServices, unknown>('Note', (context) =>
  noteById(context.services, context.loaders, context.request),
);
