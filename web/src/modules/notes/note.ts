import type { NotesNoteFragment } from '../../gql/graphql';

export type NoteData = NotesNoteFragment;

/** What an object a note is about is called: a task's or deal's title, a contact's name. */
export function aboutLabel(object: NoteData['about'][number]): string {
  if ('title' in object && typeof object.title === 'string') return object.title;
  if ('name' in object && typeof object.name === 'string') return object.name;
  return object.__typename ?? 'Object';
}
