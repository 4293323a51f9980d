import { defineSubgraph, referenceAsIs, deletionEvents } from '@cellgraph/kernel';
import { notesEvents } from './contracts.js';
import { NoteRevision } from './note/note-revision.entity.js';
import { NoteRevisionResolver } from './note/note-revision.resolver.js';
import { Note } from './note/note.entity.js';
import { NoteLiveResolver } from './note/note.live.js';
import { resolveNoteConnectionReference, resolveNoteReference } from './note/note.reference.js';
import { NoteResolver } from './note/note.resolver.js';
import { NoteService } from './note/note.service.js';
import { migrations } from './migrations/index.js';
import type { NotesServices } from './services.js';
import { TeamRef } from './team/team.ref.js';
import { noteTrash } from './trash.js';

export const notesSubgraph = defineSubgraph<NotesServices>({
  name: 'notes',
  description: 'Notes: rich-text documents, private or shared, about any object, with revisions.',
  scope: 'notes',
  scopeDescription: 'notes',
  nodeTypes: ['Note'],
  // Found by the cell's search (the kernel writes their documents from these events).
  searchable: [{ type: 'Note', table: 'notes', title: 'title', body: ['text'], events: ['note.*'] }],
  // Note.about: the objects a note is about, resolved like nodes(ids:) (missing or hidden ones left out).
  nodeReferences: [{ type: 'Note', field: 'about', from: 'aboutIds', target: 'Node', list: true }],
  // Node.notes on every object: the notes about it that the caller reads.
  nodeConnections: [{ field: 'notes', type: 'NoteConnection', description: 'The notes about it that you can read, pinned first, then most recently updated.' }],
  trash: [noteTrash],
  dependsOn: ['identity'],
  migrations,
  entities: [Note, NoteRevision],
  resolvers: [NoteResolver, NoteRevisionResolver, NoteLiveResolver],
  liveEvents: { noteChanged: { events: ['note.*'], routes: { id: ['subject.id'] } } },
  // Team is reached only through Note.team; its key-only stub is declared here.
  orphanedTypes: [TeamRef],
  references: {
    Note: resolveNoteReference,
    NoteConnection: resolveNoteConnectionReference,
    User: referenceAsIs,
  },
  emits: notesEvents,
  audited: deletionEvents(notesEvents),
  createServices({ db, authz, graph }) {
    return { db, authz, notes: new NoteService(db, authz, graph) };
  },
});
