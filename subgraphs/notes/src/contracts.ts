import { z } from 'zod';

/*
 * The notes module's public contracts (`@cellgraph/notes/contracts`): the events it emits
 * (type → schema of `data`) — the only part of notes other modules may import. Values are as
 * consumers receive them (JSON: dates are ISO strings).
 */

const empty = z.object({});

/** A note's tracked fields (all on `note.created`, the changed ones on `note.updated`). */
const noteFields = z.object({
  name: z.string(),
  description: z.string().nullable(),
});

export const notesEvents = {
  'note.created': z.object({ after: noteFields }),
  'note.updated': z.object({ fields: z.array(z.string()), before: noteFields.partial(), after: noteFields.partial() }),
  /** Moved to the trash; `title` is what the cell's trash shows. */
  'note.deleted': z.object({ title: z.string() }),
  'note.restored': empty,
  /** Deleted for good (the kernel's trash emits it). */
  'note.purged': empty,
} as const;

export type NotesEvents = typeof notesEvents;
