import { defineSubgraph, referenceAsIs } from '@cellgraph/kernel';
import { notesEvents } from './contracts.js';
import { Note } from './note/note.entity.js';
import { resolveNoteReference } from './note/note.reference.js';
import { NoteResolver } from './note/note.resolver.js';
import { NoteService } from './note/note.service.js';
import { migrations } from './migrations/index.js';
import type { NotesServices } from './services.js';
import { noteTrash } from './trash.js';

export const notesSubgraph = defineSubgraph<NotesServices>({
  name: 'notes',
  description: 'Notes: notes.',
  scope: 'notes',
  scopeDescription: 'notes',
  nodeTypes: ['Note'],
  trash: [noteTrash],
  dependsOn: ['identity'],
  migrations,
  entities: [Note],
  resolvers: [NoteResolver],
  references: {
    Note: resolveNoteReference,
    User: referenceAsIs,
  },
  emits: notesEvents,
  createServices({ db, authz }) {
    return { db, authz, notes: new NoteService(db, authz) };
  },
});
