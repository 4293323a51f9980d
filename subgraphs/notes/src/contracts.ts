import { z } from 'zod';

/*
 * The notes module's public contracts (`@cellgraph/notes/contracts`): the events it emits
 * (type → schema of `data`) — the only part of notes other modules may import. Values are as
 * consumers receive them (JSON: dates are ISO strings). Every event but `note.mentioned` is about the
 * note (its subject); `note.mentioned` is about the mentioned user.
 */

const empty = z.object({});

export const NOTE_VISIBILITIES = ['private', 'team', 'organization', 'users'] as const;
const visibility = z.enum(NOTE_VISIBILITIES);

/** A note's tracked fields (all on `note.created`, the changed ones on `note.updated`). */
const noteFields = z.object({
  title: z.string(),
  pinned: z.boolean(),
  archivedAt: z.string().nullable(),
  revision: z.number().int(),
});

/** Who reads it besides its author. */
const sharing = z.object({ visibility, teamId: z.string().nullable(), sharedWithIds: z.array(z.string()) });

export const notesEvents = {
  'note.created': z.object({ after: noteFields, sharing, aboutIds: z.array(z.string()) }),
  /** Title, body (a new `revision`), pinned or archived changed; `restoredFrom` when a revision was restored. */
  'note.updated': z.object({
    fields: z.array(z.string()),
    before: noteFields.partial(),
    after: noteFields.partial(),
    title: z.string(),
    restoredFrom: z.number().int().optional(),
  }),
  'note.archived': z.object({ title: z.string() }),
  'note.unarchived': z.object({ title: z.string() }),
  /** Its visibility, team or users changed. */
  'note.shared': z.object({ before: sharing, after: sharing, title: z.string() }),
  /** Objects (global ids) it is about were added or removed. */
  'note.attached': z.object({ aboutIds: z.array(z.string()), title: z.string() }),
  'note.detached': z.object({ aboutIds: z.array(z.string()), title: z.string() }),
  /**
   * A user (the subject) newly mentioned in the note's body, who can read the note: one event per
   * user, only for mentions the save added.
   */
  'note.mentioned': z.object({ noteId: z.string(), title: z.string(), excerpt: z.string() }),
  /** Moved to the trash; `title` is what the cell's trash shows. */
  'note.deleted': z.object({ title: z.string() }),
  'note.restored': empty,
  /** Deleted for good (the kernel's trash emits it). */
  'note.purged': empty,
} as const;

export type NotesEvents = typeof notesEvents;
