import type { Authorizer, Database } from '@cellgraph/kernel';
import type { NoteService } from './note/note.service.js';

/** What every resolver of the notes subgraph receives. */
export interface NotesServices {
  db: Database;
  authz: Authorizer;
  notes: NoteService;
}
